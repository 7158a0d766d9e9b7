import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import { announce } from './events.ts';

/**
 * Copies a value to the clipboard and says so. Falls back to a hidden text area where the
 * Clipboard API is missing: events often run over plain http on a local network.
 *
 * @csspart button - the button
 */
@customElement('jam-copy-button')
export class JamCopyButton extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    css`
      :host {
        display: inline-block;
      }
      .btn {
        min-height: 2rem;
        padding: 0 var(--jam-space-3);
        font-size: var(--jam-font-size-sm);
      }
    `,
  ];

  /** The text to copy. */
  @property() value = '';
  /** Accessible name, e.g. "Copy token"; the visible text stays "Copy". */
  @property() label = '';

  @state() private copied = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly i18n = new LocalizeController(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async write(text: string): Promise<boolean> {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch {
      // Permission refused: try the text-area way below.
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    this.renderRoot.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } finally {
      area.remove();
    }
    return ok;
  }

  private async handleClick(): Promise<void> {
    const ok = await this.write(this.value);
    if (!ok) return;
    this.copied = true;
    announce(this, this.i18n.t('common.copied'));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.copied = false), 2000);
  }

  override render() {
    return html`<button class="btn" type="button" part="button" aria-label=${this.label || this.i18n.t('common.copy')} @click=${this.handleClick}>
      ${this.copied ? this.i18n.t('common.copied') : this.i18n.t('common.copy')}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-copy-button': JamCopyButton;
  }
}
