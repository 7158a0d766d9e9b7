import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import type { ConnectionState } from '../realtime.ts';
import { base, srOnly } from '../styles/shared.ts';

/**
 * A small dot for the live-stream connection: green when connected, amber while
 * (re)connecting. The state is always available to screen readers as text; add
 * `show-label` to show it on screen too.
 *
 * @csspart dot - the coloured dot
 * @csspart label - the text beside the dot
 */
@customElement('jam-connection-dot')
export class JamConnectionDot extends LitElement {
  static override styles = [
    base,
    srOnly,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 0.5em;
        font-size: var(--jam-font-size-sm);
        color: var(--jam-color-text-muted);
      }
      .dot {
        width: 0.75em;
        height: 0.75em;
        border-radius: 50%;
        background: var(--jam-color-success);
        flex: none;
      }
      .dot.pending {
        background: var(--jam-color-warning);
      }
    `,
  ];

  /** Connection state from the StreamController. */
  @property() state: ConnectionState = 'connecting';
  /** Show the state as visible text beside the dot. */
  @property({ type: Boolean, attribute: 'show-label' }) showLabel = false;

  private readonly i18n = new LocalizeController(this);

  override render() {
    const label =
      this.state === 'open'
        ? this.i18n.t('connection.connected')
        : this.state === 'reconnecting'
          ? this.i18n.t('connection.reconnecting')
          : this.i18n.t('connection.connecting');
    return html`
      <span class="dot ${this.state === 'open' ? '' : 'pending'}" part="dot" aria-hidden="true"></span>
      <span class=${this.showLabel ? '' : 'sr-only'} part="label" role="status">${label}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-connection-dot': JamConnectionDot;
  }
}
