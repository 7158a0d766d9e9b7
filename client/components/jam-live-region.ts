import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

/**
 * A visually hidden `aria-live` region. Views call `announce(text)` for every status change
 * (a clue unlocked, a wrong answer, the connection lost) so screen readers hear it.
 */
@customElement('jam-live-region')
export class JamLiveRegion extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `;

  /** `polite` waits for a pause in speech; `assertive` interrupts. */
  @property() politeness: 'polite' | 'assertive' = 'polite';

  @state() private message = '';
  private clearTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Screen readers only speak a change of content, so the region is emptied first and
   * refilled on the next frame; the same message twice is then announced twice.
   */
  announce(text: string): void {
    this.message = '';
    clearTimeout(this.clearTimer);
    requestAnimationFrame(() => {
      this.message = text;
      // Emptied afterwards so stale text is not read when the user browses the page.
      this.clearTimer = setTimeout(() => (this.message = ''), 7000);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.clearTimer);
  }

  override render() {
    return html`<div role="status" aria-live=${this.politeness} aria-atomic="true">${this.message}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-live-region': JamLiveRegion;
  }
}
