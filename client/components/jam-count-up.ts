import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatNumber, LocalizeController } from '../i18n/index.ts';
import { prefersReducedMotion } from '../motion.ts';

/**
 * A number that counts to its new value when it changes (a score going up), formatted for
 * the current language in tabular digits. Jumps straight there under reduced motion.
 */
@customElement('jam-count-up')
export class JamCountUp extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      font-variant-numeric: tabular-nums;
      font-feature-settings: 'tnum' 1;
    }
  `;

  /** The value to show. */
  @property({ type: Number }) value = 0;
  /** Length of the count in milliseconds. */
  @property({ type: Number }) duration = 900;

  @state() private shown = 0;
  private frame = 0;
  private started = false;
  // Only here to re-render on a language switch, so digit grouping follows the locale.
  protected readonly i18n = new LocalizeController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('value')) return;
    // The first value appears at once: only changes count.
    if (!this.started || this.duration <= 0 || prefersReducedMotion() || !this.isConnected) {
      this.started = true;
      cancelAnimationFrame(this.frame);
      this.shown = this.value;
      return;
    }
    this.animateFrom(this.shown, this.value);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
    this.shown = this.value;
  }

  private animateFrom(from: number, to: number): void {
    cancelAnimationFrame(this.frame);
    const start = performance.now();
    const step = (now: number) => {
      const p = Math.min(1, (now - start) / this.duration);
      const eased = 1 - (1 - p) ** 3;
      this.shown = p >= 1 ? to : Math.round(from + (to - from) * eased);
      if (p < 1) this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  override render() {
    return html`${formatNumber(this.shown)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-count-up': JamCountUp;
  }
}
