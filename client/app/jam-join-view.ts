import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { join } from '../api.ts';
import type { Player } from '../api-types.ts';
import { getLang, LANGS, LocalizeController, setLang, t, type Lang, type MessageKey } from '../i18n/index.ts';
import { base, buttons, fields, focusRing } from '../styles/shared.ts';
import { joinErrorKey } from './join-error.ts';

/**
 * The join form: event code (prefilled from `?code=`), display name and language.
 *
 * @fires jam-joined - the player joined (`detail.player`)
 */
@customElement('jam-join-view')
export class JamJoinView extends LitElement {
  static override styles = [
    base,
    buttons,
    fields,
    focusRing,
    css`
      :host {
        display: block;
        max-width: 28rem;
        margin: var(--jam-space-7) auto;
        padding: 0 var(--jam-space-4);
      }
      form {
        display: grid;
        gap: var(--jam-space-4);
        padding: var(--jam-space-5);
        background: var(--jam-color-surface);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-lg);
      }
      h1 {
        margin: 0;
        font-size: var(--jam-font-size-2xl);
      }
      p {
        margin: 0;
        color: var(--jam-color-text-muted);
      }
      #code {
        font-family: var(--jam-font-family-mono);
        letter-spacing: 0.1em;
        text-transform: uppercase;
      }
    `,
  ];

  /** Prefilled event code. */
  @property({ attribute: 'event-code' }) eventCode = '';

  @state() private busy = false;
  @state() private error: MessageKey | null = null;
  private readonly i18n = new LocalizeController(this);

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const eventCode = String(form.get('eventCode') ?? '')
      .trim()
      .toUpperCase();
    const displayName = String(form.get('displayName') ?? '').trim();
    const language = String(form.get('language') ?? getLang()) as Lang;
    if (!eventCode) return void (this.error = 'join.error.codeRequired');
    if (!displayName) return void (this.error = 'join.error.nameRequired');
    this.busy = true;
    this.error = null;
    try {
      const { player } = await join({ eventCode, displayName, language });
      setLang(language);
      this.dispatchEvent(new CustomEvent('jam-joined', { detail: { player }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = joinErrorKey(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { i18n } = this;
    return html`
      <form @submit=${this.handleSubmit} novalidate>
        <h1>${i18n.t('join.title')}</h1>
        <p>${i18n.t('join.intro')}</p>
        <label class="field">
          <span>${i18n.t('join.eventCode')}</span>
          <input id="code" name="eventCode" autocomplete="off" required .value=${this.eventCode} />
        </label>
        <label class="field">
          <span>${i18n.t('join.displayName')}</span>
          <input name="displayName" autocomplete="nickname" maxlength="40" required />
          <span class="hint">${i18n.t('join.displayNameHint')}</span>
        </label>
        <label class="field">
          <span>${i18n.t('join.language')}</span>
          <select name="language" @change=${(e: Event) => setLang((e.target as HTMLSelectElement).value as Lang)}>
            ${LANGS.map((lang) => html`<option value=${lang} ?selected=${lang === i18n.lang}>${t(`lang.${lang}`)}</option>`)}
          </select>
        </label>
        ${this.error ? html`<p class="error-text" role="alert">${i18n.t(this.error)}</p>` : nothing}
        <button class="btn primary" type="submit" ?disabled=${this.busy}>
          ${this.busy ? i18n.t('join.joining') : i18n.t('join.submit')}
        </button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-join-view': JamJoinView;
  }
  interface GlobalEventHandlersEventMap {
    'jam-joined': CustomEvent<{ player: Player }>;
  }
}
