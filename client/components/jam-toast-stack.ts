import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';

export type ToastVariant = 'info' | 'success' | 'warning';

export interface ToastOptions {
  message: string;
  title?: string;
  variant?: ToastVariant;
  /** Milliseconds before it leaves by itself; 0 keeps it until dismissed. */
  duration?: number;
}

interface Toast extends Required<Omit<ToastOptions, 'title'>> {
  id: number;
  title: string | undefined;
}

/**
 * Dismissible notifications in a corner (announcements, teammates' solves). New toasts are
 * read out through a polite live region; hovering or focusing a toast holds its timer.
 *
 * @fires jam-toast-dismiss - a toast left (`detail.id`), by its button or its timer
 * @csspart toast - each notification
 */
@customElement('jam-toast-stack')
export class JamToastStack extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    css`
      :host {
        position: fixed;
        inset-block-end: var(--jam-space-4);
        inset-inline-end: var(--jam-space-4);
        z-index: 50;
        width: min(24rem, calc(100vw - 2 * var(--jam-space-4)));
      }
      /*
       * On a phone the keyboard and the inputs are at the bottom: toasts drop in from the top,
       * under the top bar or the open drawer's tabs (the page sets --jam-toast-top), never over buttons.
       */
      @media (max-width: 40rem) {
        :host {
          inset-block: calc(var(--jam-toast-top, 0px) + var(--jam-space-2)) auto;
          inset-inline: var(--jam-space-2);
          width: auto;
        }
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--jam-space-2);
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: start;
        gap: var(--jam-space-2);
        padding: var(--jam-space-3) var(--jam-space-3) var(--jam-space-3) var(--jam-space-4);
        background: var(--jam-color-surface);
        color: var(--jam-color-text);
        border: 1px solid var(--jam-color-border);
        border-inline-start: 4px solid var(--jam-color-accent);
        border-radius: var(--jam-radius-md);
        box-shadow: var(--jam-shadow-raised);
        animation: enter var(--jam-duration-medium) var(--jam-easing);
      }
      li.success {
        border-inline-start-color: var(--jam-color-success);
      }
      li.warning {
        border-inline-start-color: var(--jam-color-warning);
      }
      .title {
        display: block;
        font-weight: var(--jam-font-weight-bold);
        font-size: var(--jam-font-size-sm);
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-line;
      }
      .btn {
        min-height: 2rem;
        padding: 0 var(--jam-space-2);
        font-size: var(--jam-font-size-lg);
        line-height: 1;
      }
      @keyframes enter {
        from {
          opacity: 0;
          transform: translateY(0.5rem);
        }
      }
    `,
  ];

  /** Most toasts shown at once; the oldest leave first. */
  @property({ type: Number }) max = 4;

  @state() private toasts: Toast[] = [];
  private nextId = 1;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly i18n = new LocalizeController(this);

  /** Shows a toast and returns its id. */
  show(options: ToastOptions): number {
    const toast: Toast = {
      id: this.nextId++,
      message: options.message,
      title: options.title,
      variant: options.variant ?? 'info',
      duration: options.duration ?? 8000,
    };
    const kept = [...this.toasts, toast];
    for (const old of kept.splice(0, Math.max(0, kept.length - this.max))) this.clearTimer(old.id);
    this.toasts = kept;
    this.startTimer(toast);
    return toast.id;
  }

  dismiss(id: number): void {
    if (!this.toasts.some((toast) => toast.id === id)) return;
    this.clearTimer(id);
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
    this.dispatchEvent(new CustomEvent('jam-toast-dismiss', { detail: { id }, bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
  }

  private startTimer(toast: Toast): void {
    if (toast.duration > 0)
      this.timers.set(
        toast.id,
        setTimeout(() => this.dismiss(toast.id), toast.duration),
      );
  }

  private clearTimer(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  private handleHold(toast: Toast): void {
    this.clearTimer(toast.id);
  }

  private handleRelease(toast: Toast, event: Event): void {
    const li = event.currentTarget as HTMLElement;
    if (li.matches(':hover') || li.matches(':focus-within')) return;
    this.startTimer(toast);
  }

  override render() {
    return html`
      <div role="region" aria-label=${this.i18n.t('toast.region')} aria-live="polite" aria-relevant="additions">
      <ol>
        ${repeat(
          this.toasts,
          (toast) => toast.id,
          (toast) => html`
            <li
              class=${toast.variant}
              part="toast"
              @mouseenter=${() => this.handleHold(toast)}
              @focusin=${() => this.handleHold(toast)}
              @mouseleave=${(e: Event) => this.handleRelease(toast, e)}
              @focusout=${(e: Event) => this.handleRelease(toast, e)}
            >
              <div>
                ${toast.title ? html`<strong class="title">${toast.title}</strong>` : null}
                <p>${toast.message}</p>
              </div>
              <button class="btn ghost" type="button" aria-label=${this.i18n.t('toast.dismiss')} @click=${() => this.dismiss(toast.id)}>
                ×
              </button>
            </li>
          `,
        )}
      </ol>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-toast-stack': JamToastStack;
  }
  interface GlobalEventHandlersEventMap {
    'jam-toast-dismiss': CustomEvent<{ id: number }>;
  }
}
