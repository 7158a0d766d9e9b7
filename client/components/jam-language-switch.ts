import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { dictionaries, LANGS, LocalizeController, setLang, type Lang } from '../i18n/index.ts';
import { base, focusRing, srOnly } from '../styles/shared.ts';

/**
 * English / 日本語 toggle. Each language is named in itself so a reader finds their own.
 * Switching re-renders every view and is remembered for the next visit.
 *
 * @fires jam-language-change - after switching (`detail.lang`)
 * @csspart button - each language button
 */
@customElement('jam-language-switch')
export class JamLanguageSwitch extends LitElement {
  static override styles = [
    base,
    srOnly,
    focusRing,
    css`
      :host {
        display: inline-block;
      }
      [role='group'] {
        display: inline-flex;
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-pill);
        padding: 2px;
        background: var(--jam-color-surface);
      }
      button {
        font: inherit;
        font-size: var(--jam-font-size-sm);
        min-height: 2rem;
        padding: 0 var(--jam-space-3);
        border: none;
        border-radius: var(--jam-radius-pill);
        background: transparent;
        color: var(--jam-color-text-muted);
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: var(--jam-color-accent);
        color: var(--jam-color-on-accent);
        font-weight: var(--jam-font-weight-medium);
      }
    `,
  ];

  private readonly i18n = new LocalizeController(this);

  private handleSelect(lang: Lang): void {
    if (lang === this.i18n.lang) return;
    setLang(lang);
    this.dispatchEvent(new CustomEvent('jam-language-change', { detail: { lang }, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <span class="sr-only" id="label">${this.i18n.t('common.language')}</span>
      <div role="group" aria-labelledby="label">
        ${LANGS.map(
          (lang) => html`
            <button
              type="button"
              part="button"
              lang=${lang}
              aria-pressed=${lang === this.i18n.lang ? 'true' : 'false'}
              @click=${() => this.handleSelect(lang)}
            >
              ${dictionaries[lang][`lang.${lang}`]}
            </button>
          `,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-language-switch': JamLanguageSwitch;
  }
  interface GlobalEventHandlersEventMap {
    'jam-language-change': CustomEvent<{ lang: Lang }>;
  }
}
