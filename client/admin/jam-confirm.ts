import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import '../components/jam-dialog.ts';
import type { JamDialog } from '../components/jam-dialog.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, fields, focusRing } from '../styles/shared.ts';

/**
 * A confirmation built on `jam-dialog`: a title, sentences saying what will happen, optional
 * fields (slotted), the server's error when the action failed, and Cancel / Confirm. While
 * `busy` it cannot be closed. Enter in a slotted field confirms. Destructive actions
 * (`danger`) start with focus on Cancel.
 *
 * @slot - extra fields, e.g. the minutes to extend by
 * @fires jam-confirm - the facilitator confirmed
 * @fires jam-cancel - the facilitator closed it (Cancel, ×, Escape or the backdrop)
 */
@customElement('jam-confirm')
export class JamConfirm extends LitElement {
  static override styles = [
    base,
    buttons,
    fields,
    focusRing,
    css`
      :host {
        display: contents;
      }
      /* An announcement's text is quoted with its line breaks. */
      p {
        margin: 0 0 var(--jam-space-3);
        white-space: pre-line;
      }
      .fields:not(:empty) {
        margin-top: var(--jam-space-2);
      }
      .error-text {
        margin-top: var(--jam-space-3);
        font-size: var(--jam-font-size-md);
      }
    `,
  ];

  /** Whether the dialog is shown. */
  @property({ type: Boolean }) open = false;
  /** The question, e.g. "Start the event now?". */
  @property() label = '';
  /** What will happen, one paragraph each. */
  @property({ attribute: false }) paragraphs: string[] = [];
  /** The confirm button's text. */
  @property({ attribute: 'confirm-label' }) confirmLabel = '';
  /** A destructive action: red button, focus starts on Cancel. */
  @property({ type: Boolean }) danger = false;
  /** The action is running: buttons disabled, closing refused. */
  @property({ type: Boolean }) busy = false;
  /** The server's message when the action failed. */
  @property() error = '';

  @query('jam-dialog') private dialog!: JamDialog;
  @query('.confirm') private confirmButton!: HTMLButtonElement;
  @query('.cancel') private cancelButton!: HTMLButtonElement;
  private readonly i18n = new LocalizeController(this);

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    if (!changed.has('open') || !this.open) return;
    await this.dialog.updateComplete;
    const field = this.querySelector<HTMLElement>('input, select, textarea');
    (field ?? (this.danger ? this.cancelButton : this.confirmButton))?.focus();
  }

  private handleRequestClose(event: Event): void {
    // The parent owns `open`; closing goes through jam-cancel so both stay in step.
    event.preventDefault();
    if (!this.busy) this.dispatchEvent(new CustomEvent('jam-cancel', { bubbles: true, composed: true }));
  }

  private handleConfirm(): void {
    if (!this.busy) this.dispatchEvent(new CustomEvent('jam-confirm', { bubbles: true, composed: true }));
  }

  private handleKeydown(event: KeyboardEvent): void {
    const target = event.composedPath()[0];
    if (event.key === 'Enter' && !(target instanceof HTMLTextAreaElement) && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      this.handleConfirm();
    }
  }

  override render() {
    return html`
      <jam-dialog .open=${this.open} .label=${this.label} @jam-request-close=${this.handleRequestClose}>
        ${this.paragraphs.map((text) => html`<p>${text}</p>`)}
        <div class="fields" @keydown=${this.handleKeydown}><slot></slot></div>
        ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
        <button slot="footer" class="btn cancel" type="button" ?disabled=${this.busy} @click=${this.handleRequestClose}>
          ${this.i18n.t('common.cancel')}
        </button>
        <button
          slot="footer"
          class="btn confirm ${this.danger ? 'danger' : 'primary'}"
          type="button"
          ?disabled=${this.busy}
          aria-busy=${this.busy ? 'true' : 'false'}
          @click=${this.handleConfirm}
        >
          ${this.busy ? this.i18n.t('admin.action.working') : this.confirmLabel || this.i18n.t('common.confirm')}
        </button>
      </jam-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-confirm': JamConfirm;
  }
  interface GlobalEventHandlersEventMap {
    'jam-confirm': CustomEvent<void>;
    'jam-cancel': CustomEvent<void>;
  }
}
