import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EventInfo, Me } from '../api-types.ts';
import '../components/jam-clock.ts';
import '../components/jam-connection-dot.ts';
import '../components/jam-language-switch.ts';
import { LocalizeController } from '../i18n/index.ts';
import type { ConnectionState } from '../realtime.ts';
import { base, buttons, focusRing, srOnly } from '../styles/shared.ts';
import { routePath, type Route } from './router.ts';

export interface Standing {
  score: number | null;
  rank: number | null;
  total: number | null;
  frozen: boolean;
}

/**
 * The game's top bar: event name, navigation, team name, score and rank, the clock, the
 * language switch and the connection dot; on narrow screens a button opens the team panel.
 *
 * @fires jam-panel-toggle - the team panel button was pressed
 */
@customElement('jam-top-bar')
export class JamTopBar extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    srOnly,
    css`
      :host {
        display: block;
        background: var(--jam-color-surface);
        border-bottom: 1px solid var(--jam-color-border);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--jam-space-2) var(--jam-space-5);
        padding: var(--jam-space-2) var(--jam-space-5);
        min-height: 4rem;
      }
      .event {
        font-weight: var(--jam-font-weight-bold);
        font-size: var(--jam-font-size-lg);
        color: var(--jam-color-text);
        text-decoration: none;
        max-width: 18rem;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      nav ul {
        display: flex;
        gap: var(--jam-space-1);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-block;
        padding: var(--jam-space-2) var(--jam-space-3);
        border-radius: var(--jam-radius-md);
        color: var(--jam-color-text-muted);
        text-decoration: none;
        font-weight: var(--jam-font-weight-medium);
      }
      nav a[aria-current='page'] {
        color: var(--jam-color-text);
        background: var(--jam-color-surface-raised);
        box-shadow: inset 0 -3px 0 var(--jam-color-accent);
      }
      /* When the bar is too narrow for one row, this whole group moves to a second row, right-aligned. */
      .right {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: flex-end;
        gap: var(--jam-space-2) var(--jam-space-5);
        margin-inline-start: auto;
      }
      .stat {
        display: grid;
        line-height: 1.15;
        min-width: 0;
      }
      .stat .label {
        font-size: var(--jam-font-size-xs);
        color: var(--jam-color-text-muted);
        font-weight: var(--jam-font-weight-medium);
      }
      .stat .value {
        font-weight: var(--jam-font-weight-bold);
        font-size: var(--jam-font-size-lg);
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .stat.team .value {
        max-width: 14rem;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .frozen {
        font-size: var(--jam-font-size-xs);
        color: var(--jam-color-warning);
        font-weight: var(--jam-font-weight-medium);
      }
      jam-clock {
        font-size: var(--jam-font-size-2xl);
      }
      jam-connection-dot[state='open'] {
        width: 1rem;
      }
      .panel-toggle {
        position: relative;
      }
      @media (max-width: 75rem) {
        header,
        .right {
          gap: var(--jam-space-2) var(--jam-space-4);
        }
        header {
          padding-inline: var(--jam-space-4);
        }
        jam-clock {
          font-size: var(--jam-font-size-xl);
        }
      }
      /*
       * Phones: two short rows (standing, clock and the panel button; then navigation and
       * language), and only the first while the page scrolls down.
       */
      @media (max-width: 40rem) {
        header {
          display: grid;
          grid-template-columns: auto auto minmax(0, 1fr) auto auto;
          grid-template-areas:
            'score rank clock dot toggle'
            'nav nav nav lang lang';
          align-items: center;
          gap: var(--jam-space-1) var(--jam-space-2);
          min-height: 0;
          padding: var(--jam-space-1) var(--jam-space-3);
        }
        .right {
          display: contents;
        }
        .event,
        .stat.team {
          display: none;
        }
        .stat.score {
          grid-area: score;
        }
        .stat.rank {
          grid-area: rank;
        }
        .stat .value {
          font-size: var(--jam-font-size-md);
        }
        /* "2/14" instead of "2 of 14": the clock needs the room. */
        .stat .long {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        .stat .short {
          display: inline;
        }
        jam-clock {
          grid-area: clock;
          justify-self: end;
          font-size: var(--jam-font-size-lg);
        }
        jam-connection-dot {
          grid-area: dot;
        }
        .panel-toggle {
          grid-area: toggle;
          min-height: 2.25rem;
          padding-inline: var(--jam-space-2);
        }
        nav {
          grid-area: nav;
          min-width: 0;
        }
        nav ul {
          gap: 0;
        }
        nav a {
          padding: var(--jam-space-1) var(--jam-space-2);
        }
        jam-language-switch::part(button) {
          padding: 0 var(--jam-space-2);
        }
        .panel-toggle .long {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        .panel-toggle .short {
          display: inline;
        }
        jam-language-switch {
          grid-area: lang;
          justify-self: end;
        }
        :host([collapsed]) nav,
        :host([collapsed]) jam-language-switch {
          display: none;
        }
      }
      .short {
        display: none;
      }
      .count {
        min-width: 1.25rem;
        padding: 0 0.35rem;
        border-radius: var(--jam-radius-pill);
        background: var(--jam-color-accent);
        color: var(--jam-color-on-accent);
        font-size: var(--jam-font-size-xs);
        line-height: 1.25rem;
      }
    `,
  ];

  @property({ attribute: false }) event: EventInfo | null = null;
  @property({ attribute: false }) me: Me | null = null;
  @property({ attribute: false }) standing: Standing | null = null;
  @property({ attribute: false }) route: Route = { name: 'board' };
  @property() connection: ConnectionState = 'connecting';
  /** Narrow layout: the team panel is a drawer behind a button. */
  @property({ type: Boolean }) drawer = false;
  @property({ type: Boolean, attribute: 'panel-open' }) panelOpen = false;
  @property({ type: Number }) unread = 0;
  /** The page is scrolling down on a phone: only the first row shows. */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  private readonly i18n = new LocalizeController(this);

  private renderNav() {
    const { i18n } = this;
    const onBoard = this.route.name === 'board' || this.route.name === 'challenge';
    return html`<nav aria-label=${i18n.t('topbar.nav')}>
      <ul>
        <li><a href=${routePath({ name: 'board' })} aria-current=${onBoard ? 'page' : 'false'}>${i18n.t('topbar.board')}</a></li>
        <li>
          <a href=${routePath({ name: 'scoreboard' })} aria-current=${this.route.name === 'scoreboard' ? 'page' : 'false'}
            >${i18n.t('topbar.scoreboard')}</a
          >
        </li>
      </ul>
    </nav>`;
  }

  private renderStanding() {
    const { i18n } = this;
    const team = this.me?.team;
    if (!team) return nothing;
    const s = this.standing;
    const known = s?.rank != null && s.total != null;
    const rank = known ? i18n.t('topbar.rankValue', { rank: s.rank ?? 0, total: s.total ?? 0 }) : '—';
    const short = known ? i18n.t('topbar.rankShort', { rank: s.rank ?? 0, total: s.total ?? 0 }) : '—';
    // While frozen the two numbers come from different clocks: say which is which.
    const frozen = s?.frozen === true;
    return html`
      <div class="stat team">
        <span class="label">${i18n.t('topbar.team')}</span>
        <span class="value" title=${team.name}>${team.name}</span>
      </div>
      <div class="stat score" title=${frozen ? i18n.t('topbar.frozenExplained') : nothing}>
        <span class="label">${i18n.t(frozen ? 'topbar.scoreLive' : 'topbar.score')}</span>
        <span class="value">${s?.score != null ? i18n.number(s.score) : '—'}</span>
      </div>
      <div class="stat rank" title=${frozen ? i18n.t('topbar.frozenExplained') : nothing}>
        <span class="label">${frozen ? html`<span class="frozen">❄ ${i18n.t('topbar.rankFrozen')}</span>` : i18n.t('topbar.rank')}</span>
        <span class="value"><span class="long">${rank}</span><span class="short" aria-hidden="true">${short}</span></span>
        ${frozen ? html`<span class="sr-only">${i18n.t('topbar.frozenExplained')}</span>` : nothing}
      </div>
    `;
  }

  override render() {
    const { i18n, event } = this;
    return html`<header>
      <a class="event" href="/">${event?.name || i18n.t('app.name')}</a>
      ${this.me?.team && event && event.state !== 'draft' ? this.renderNav() : nothing}
      <div class="right">
        ${this.renderStanding()}
        ${
          event
            ? html`<jam-clock .state=${event.state} .endsAt=${event.endsAt} .startsAt=${event.startsAt} .serverNow=${event.serverNow}></jam-clock>`
            : nothing
        }
        <jam-language-switch></jam-language-switch>
        <jam-connection-dot .state=${this.connection} ?show-label=${this.connection === 'reconnecting'}></jam-connection-dot>
        ${
          this.drawer && this.me?.team
            ? html`<button
              class="btn panel-toggle"
              type="button"
              aria-expanded=${this.panelOpen ? 'true' : 'false'}
              @click=${() => this.dispatchEvent(new CustomEvent('jam-panel-toggle', { bubbles: true, composed: true }))}
            >
              <span class="long">${i18n.t('topbar.teamPanel')}</span><span class="short" aria-hidden="true">${i18n.t('topbar.team')}</span>
              ${this.unread > 0 ? html`<span class="count" aria-label=${i18n.t('team.unread', { count: this.unread })}>${i18n.number(this.unread)}</span>` : nothing}
            </button>`
            : nothing
        }
      </div>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-top-bar': JamTopBar;
  }
  interface GlobalEventHandlersEventMap {
    'jam-panel-toggle': CustomEvent<void>;
  }
}
