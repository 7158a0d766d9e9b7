import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import type { JoinInfo } from '../api-types.ts';
import { LocalizeController, type MessageKey, type Params } from '../i18n/index.ts';
import { base } from '../styles/shared.ts';
import { displayUrl, isPlainSvg } from './screen-state.ts';

function portOf(url: string): string {
  try {
    return new URL(url).port || '80';
  } catch {
    return '8787';
  }
}

/**
 * The screen's join panel before the start: the address, the event code and a QR code.
 *
 * @csspart qr - the QR code box
 */
@customElement('jam-screen-join')
export class JamScreenJoin extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: 4.8rem;
        padding: 4.8rem;
        border-radius: 2.4rem;
        background: var(--jam-color-surface);
        border: 1px solid var(--jam-color-border);
        min-height: 0;
      }
      h2 {
        margin: 0 0 3.2rem;
        font-size: var(--jam-screen-text-xl);
        line-height: 1.15;
      }
      .label {
        display: block;
        font-size: var(--jam-screen-text-sm);
        color: var(--jam-color-text-muted);
        margin-bottom: 0.4rem;
      }
      .url {
        display: block;
        font-size: var(--jam-screen-text-lg);
        font-weight: var(--jam-font-weight-bold);
        color: var(--jam-color-accent);
        overflow-wrap: anywhere;
        margin-bottom: 3.2rem;
      }
      .code {
        display: block;
        font-family: var(--jam-font-family-mono);
        font-size: var(--jam-screen-text-hero);
        font-weight: var(--jam-font-weight-bold);
        letter-spacing: 0.12em;
        line-height: 1;
        margin-bottom: 3.2rem;
      }
      .meta {
        margin: 0;
        font-size: var(--jam-screen-text-md);
        color: var(--jam-color-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .meta + .meta {
        margin-top: 0.8rem;
      }
      figure {
        margin: 0;
        display: grid;
        justify-items: center;
        gap: 1.6rem;
      }
      .qr {
        width: 36rem;
        height: 36rem;
        padding: 1.6rem;
        border-radius: 1.6rem;
        /* QR codes need a light quiet zone whatever the theme. */
        background: var(--jam-palette-white);
      }
      .qr svg {
        display: block;
        width: 100%;
        height: 100%;
      }
      figcaption {
        font-size: var(--jam-screen-text-sm);
        color: var(--jam-color-text-muted);
      }
      .second {
        display: block;
        font-size: 0.6em;
        font-weight: var(--jam-font-weight-medium);
        color: var(--jam-color-text-muted);
      }
      /* Only the facilitator can fix it, but the whole room would be stuck: say it plainly. */
      .warning {
        grid-column: 1 / -1;
        margin: 0;
        padding: 1.6rem 2.4rem;
        border-radius: var(--jam-radius-lg);
        background: var(--jam-color-warning);
        color: var(--jam-color-on-medal);
        font-size: var(--jam-screen-text-sm);
        font-weight: var(--jam-font-weight-bold);
        line-height: 1.3;
      }
      .warning code {
        font-family: var(--jam-font-family-mono);
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** From `GET /api/event/join-info`; null while unknown or not public. */
  @property({ attribute: false }) info: JoinInfo | null = null;
  /** Address to show when the server gave none. */
  @property() origin = '';
  /** Scheduled start, if any. */
  @property({ attribute: 'starts-at' }) startsAt: string | null = null;
  /** Teams formed so far. */
  @property({ type: Number, attribute: 'team-count' }) teamCount = 0;

  private readonly i18n = new LocalizeController(this);

  /** A message, with the second language beneath it when the screen shows both. */
  private both(key: MessageKey, params?: Params) {
    const second = this.i18n.second(key, params);
    return html`${this.i18n.t(key, params)}${second ? html`<span class="second" lang=${this.i18n.secondLang ?? ''}>${second}</span>` : nothing}`;
  }

  override render() {
    const url = this.info?.url || this.origin;
    // unsafeSVG is acceptable only because our server generates this markup with a QR library
    // (never from user input); isPlainSvg is a second line of defence.
    const qr = this.info?.qrSvg && isPlainSvg(this.info.qrSvg) ? this.info.qrSvg : null;
    return html`
      <div>
        <h2>${this.both('screen.join.title')}</h2>
        <span class="label">${this.both('screen.join.url')}</span>
        <span class="url">${displayUrl(url)}</span>
        ${
          this.info?.eventCode
            ? html`<span class="label">${this.both('screen.join.code')}</span>
              <span class="code">${this.info.eventCode}</span>`
            : nothing
        }
        <p class="meta">${this.both('screen.join.teams', { count: this.teamCount })}</p>
        <p class="meta">
          ${this.startsAt ? this.both('screen.join.startsAt', { time: this.i18n.time(this.startsAt) }) : this.both('screen.join.waiting')}
        </p>
      </div>
      ${
        qr
          ? html`<figure>
            <div class="qr" part="qr" role="img" aria-label=${url}>${unsafeSVG(qr)}</div>
            <figcaption>${this.both('screen.join.scan')}</figcaption>
          </figure>`
          : nothing
      }
      ${
        this.info?.loopback
          ? html`<p class="warning" role="alert">
            ${this.i18n.t('screen.join.loopback', { address: displayUrl(url) })}
            <code>HOST=0.0.0.0 PUBLIC_URL=http://…:${portOf(url)} npm start</code>
          </p>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-join': JamScreenJoin;
  }
}
