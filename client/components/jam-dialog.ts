import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { deepActiveElement, tabbables } from './focus.ts';
import { dialogStyles } from './jam-dialog.styles.ts';

export type CloseSource = 'escape' | 'close-button' | 'overlay' | 'api';

/**
 * A modal dialog built on `<dialog>`: the page behind is inert, Tab cycles inside,
 * Escape closes, and focus returns to whatever opened it.
 * Put `autofocus` on the slotted control that should receive focus first.
 *
 * @slot - the body
 * @slot footer - the actions, e.g. Cancel and Confirm buttons
 * @fires jam-request-close - before closing (`detail.source`); cancel it to keep the dialog open
 * @fires jam-after-close - once closed and focus has been returned
 * @csspart panel - the dialog box
 * @csspart title - the heading
 * @csspart body - the body wrapper
 * @csspart footer - the footer wrapper
 * @cssprop --jam-dialog-width - the widest the dialog grows (34rem)
 */
@customElement('jam-dialog')
export class JamDialog extends LitElement {
  static override styles = dialogStyles;

  /** Whether the dialog is shown. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** The heading, also the dialog's accessible name. */
  @property() label = '';

  @query('dialog') private dialog!: HTMLDialogElement;
  private returnFocusTo: HTMLElement | null = null;
  private readonly i18n = new LocalizeController(this);

  /** Asks to close; listeners of `jam-request-close` may veto. */
  requestClose(source: CloseSource = 'api'): void {
    const event = new CustomEvent('jam-request-close', {
      detail: { source },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (this.dispatchEvent(event)) this.open = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) this.show();
    else if (!this.open && this.dialog.open) this.hide();
  }

  private show(): void {
    this.returnFocusTo = deepActiveElement();
    this.dialog.showModal();
    const preferred = [...this.querySelectorAll<HTMLElement>('[autofocus]')][0];
    const target = preferred ?? tabbables(this)[0] ?? tabbables(this.renderRoot as ShadowRoot)[0];
    (target ?? this.dialog).focus();
  }

  private hide(): void {
    this.dialog.close();
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target?.isConnected) target.focus();
    this.dispatchEvent(new CustomEvent('jam-after-close', { bubbles: true, composed: true }));
  }

  private handleCancel(event: Event): void {
    // The browser closes a modal dialog on Escape by itself; route it through requestClose.
    event.preventDefault();
    this.requestClose('escape');
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const order = tabbables(this.renderRoot as ShadowRoot);
    if (order.length === 0) {
      event.preventDefault();
      return;
    }
    const first = order[0] as HTMLElement;
    const last = order[order.length - 1] as HTMLElement;
    const active = deepActiveElement();
    const inside = active !== null && order.includes(active);
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  private handleClick(event: MouseEvent): void {
    // A click on the <dialog> itself (not its panel) is a click on the backdrop.
    if (event.target === this.dialog) this.requestClose('overlay');
  }

  override render() {
    return html`
      <dialog
        aria-labelledby="title"
        @cancel=${this.handleCancel}
        @keydown=${this.handleKeydown}
        @click=${this.handleClick}
      >
        <div class="panel" part="panel">
          <header>
            <h2 id="title" part="title">${this.label}</h2>
            <button
              class="btn ghost close"
              type="button"
              aria-label=${this.i18n.t('common.close')}
              @click=${() => this.requestClose('close-button')}
            >
              ×
            </button>
          </header>
          <div class="body" part="body"><slot></slot></div>
          <footer part="footer"><slot name="footer"></slot></footer>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-dialog': JamDialog;
  }
  interface GlobalEventHandlersEventMap {
    'jam-request-close': CustomEvent<{ source: CloseSource }>;
    'jam-after-close': CustomEvent<void>;
  }
}
