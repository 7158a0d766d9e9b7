import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EventState } from '../api-types.ts';
import { clockView, formatCountdown, serverOffset, type ClockTone, type ClockView } from '../clock.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, srOnly, tabular } from '../styles/shared.ts';

/**
 * The event countdown, `HH:MM:SS` in tabular digits, computed from `endsAt` against the server
 * clock. Amber in the last 15 minutes, red in the last 5; "Paused" and "Time" when relevant.
 * Size it with `font-size` on the host.
 *
 * @fires jam-clock-tone - the colour band changed (`detail.tone`: normal, amber, red), so a view can announce it
 * @csspart label - the small caption above the digits
 * @csspart value - the digits or the state word
 */
@customElement('jam-clock')
export class JamClock extends LitElement {
  static override styles = [
    base,
    srOnly,
    tabular,
    css`
      :host {
        display: inline-flex;
        flex-direction: column;
        align-items: flex-end;
        line-height: 1;
        color: var(--jam-color-text);
      }
      :host([inline]) {
        flex-direction: row;
        align-items: baseline;
        gap: 0.3em;
      }
      .label {
        font-size: max(0.22em, var(--jam-font-size-xs));
        color: var(--jam-color-text-muted);
        font-weight: var(--jam-font-weight-medium);
        letter-spacing: 0.04em;
        margin-bottom: 0.15em;
      }
      .value {
        font-weight: var(--jam-font-weight-bold);
        white-space: nowrap;
        transition: color var(--jam-duration-medium) ease;
      }
      .amber {
        color: var(--jam-color-warning);
      }
      .red {
        color: var(--jam-color-danger);
      }
      .word {
        color: var(--jam-color-text-muted);
      }
    `,
  ];

  /** Event state from `GET /api/event`. */
  @property() state: EventState = 'draft';
  /** ISO time the event ends. */
  @property({ attribute: 'ends-at' }) endsAt: string | null = null;
  /** ISO time the event starts (draft only). */
  @property({ attribute: 'starts-at' }) startsAt: string | null = null;
  /** The server's clock when the event was fetched; sets the offset to server time. */
  @property({ attribute: 'server-now' }) serverNow: string | null = null;
  /** Caption beside the digits instead of above them. */
  @property({ type: Boolean, reflect: true }) inline = false;
  /** Hide the caption above the digits. */
  @property({ type: Boolean, attribute: 'no-label' }) noLabel = false;

  @state() private now = Date.now();
  private offset = 0;
  private lastTone: ClockTone | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly i18n = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('serverNow')) this.offset = serverOffset(this.serverNow, Date.now());
  }

  protected override updated(): void {
    const tone = this.view.tone;
    if (this.lastTone !== undefined && tone !== this.lastTone && this.view.kind === 'countdown') {
      this.dispatchEvent(new CustomEvent('jam-clock-tone', { detail: { tone }, bubbles: true, composed: true }));
    }
    this.lastTone = tone;
  }

  /** Ticks on the server's second boundary so every screen changes digits together. */
  private tick = (): void => {
    this.now = Date.now();
    const serverMs = this.now + this.offset;
    this.timer = setTimeout(this.tick, 1000 - (((serverMs % 1000) + 1000) % 1000) + 5);
  };

  get view(): ClockView {
    return clockView({ state: this.state, startsAt: this.startsAt, endsAt: this.endsAt }, this.now + this.offset);
  }

  override render() {
    const view = this.view;
    const i18n = this.i18n;
    let label: string;
    let value: string;
    let wordy = false;
    switch (view.kind) {
      case 'countdown':
        label = i18n.t('clock.label');
        value = formatCountdown(view.remainingMs);
        break;
      case 'starts-in':
        label = i18n.t('clock.startsIn');
        value = formatCountdown(view.remainingMs);
        break;
      case 'paused':
        label = i18n.t('clock.label');
        value = i18n.t('clock.paused');
        wordy = true;
        break;
      case 'time':
        label = i18n.t('clock.label');
        value = i18n.t('clock.time');
        wordy = true;
        break;
      case 'not-started':
        label = i18n.t('clock.label');
        value = i18n.t('clock.notStarted');
        wordy = true;
        break;
    }
    const tone = view.tone === 'normal' ? '' : view.tone;
    // A word ("Paused", "Time") says it all; "Time left" in front of it would only add noise.
    return html`
      ${this.noLabel || wordy ? nothing : html`<span class="label" part="label">${label}</span>`}
      <span class="value tabular ${tone} ${view.kind === 'time' ? '' : wordy ? 'word' : ''}" part="value" role="timer" aria-label=${`${label}: ${value}`}
        >${value}</span
      >
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-clock': JamClock;
  }
  interface GlobalEventHandlersEventMap {
    'jam-clock-tone': CustomEvent<{ tone: ClockTone }>;
  }
}
