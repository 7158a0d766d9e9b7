import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getAnnouncements, getEvent, getJoinInfo, getRecentSolves, getScoreboard } from '../api.ts';
import type { EventInfo, JoinInfo, Scoreboard } from '../api-types.ts';
import '../components/jam-clock.ts';
import '../components/jam-connection-dot.ts';
import { LocalizeController } from '../i18n/index.ts';
import { backoffDelay, StreamController } from '../realtime.ts';
import './jam-screen-join.ts';
import './jam-screen-finale.ts';
import './jam-screen-ranking.ts';
import './jam-screen-rest.ts';
import './jam-screen-ticker.ts';
import type { TickerItem } from './jam-screen-ticker.ts';
import { screenStyles } from './jam-screen.styles.ts';
import { DEFAULT_CYCLE_SECONDS } from './race-model.ts';
import { addSolve, DEFAULT_TOP, expiresAt, mergeSolves, pinAnnouncement, unexpired, type PinnedAnnouncement } from './screen-state.ts';

const EVENT_REFRESH_MS = 60_000;
/**
 * The screen is often opened in a facilitator's browser, next to the admin console: it asks
 * for the public stream and sends no cookies, so it never shows the live board while frozen.
 */
const SCREEN_STREAM = '/api/stream?view=public';
const PUBLIC = { credentials: 'omit' } as const;
const DOT_GRACE_MS = 3000;

/**
 * The projector view at `/screen`: event name and countdown on top, the ranking with the
 * rest of the teams paging below it, recent solves at the side; a join panel before the
 * start, a frozen banner, and after the reveal the podium and the race of the top ten in
 * turn. It never goes blank: on a stream drop it keeps the last state, shows a small
 * reconnecting dot and refetches once back.
 */
@customElement('jam-screen')
export class JamScreen extends LitElement {
  static override styles = screenStyles;

  /** Rows in the ranking (`?top=`). */
  @property({ type: Number }) top = DEFAULT_TOP;
  /** Seconds the podium and the race each show after the reveal (`?cycle=`). */
  @property({ type: Number }) cycle = DEFAULT_CYCLE_SECONDS;

  @state() private event: EventInfo | null = null;
  @state() private board: Scoreboard | null = null;
  @state() private joinInfo: JoinInfo | null = null;
  @state() private items: TickerItem[] = [];
  @state() private announcements: PinnedAnnouncement[] = [];
  @state() private revision = 0;
  @state() private fetchFailing = false;
  @state() private graceOver = false;

  private readonly i18n = new LocalizeController(this);
  private readonly stream = new StreamController(
    this,
    {
      scoreboard: (board) => this.applyBoard(board),
      clock: (event) => this.applyEvent(event),
      solve: (solve) => (this.items = addSolve(this.items, solve)),
      announcement: (announcement) => {
        if (announcement.teamId === null) this.setAnnouncements(pinAnnouncement(this.announcements, announcement));
      },
      // The rehearsal was reset: start over from nothing (join panel, empty ticker).
      restart: () => location.reload(),
    },
    { url: SCREEN_STREAM, onResync: () => void this.refresh() },
  );
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private failures = 0;
  private timers: Array<ReturnType<typeof setTimeout>> = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private boundaryTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Keeps the clock offset and state honest even if a `clock` event was ever missed.
    this.timers.push(setInterval(() => void this.refresh(), EVENT_REFRESH_MS));
    this.timers.push(setTimeout(() => (this.graceOver = true), DOT_GRACE_MS));
  }

  protected override firstUpdated(): void {
    // Not in connectedCallback: main.ts sets `top` right after the element upgrades.
    void this.refresh();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('top') && changed.get('top') !== undefined) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    clearTimeout(this.retryTimer);
    clearTimeout(this.expiryTimer);
    clearTimeout(this.boundaryTimer);
  }

  /** Refetches the event and the top of the board; calls that overlap run once more after. */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        const [event, board] = await Promise.all([getEvent(PUBLIC), getScoreboard({ offset: 0, limit: this.top }, PUBLIC)]);
        this.applyEvent(event);
        this.applyBoard(board);
        this.fetchFailing = false;
        this.failures = 0;
        void this.loadSide();
      } catch {
        this.fetchFailing = true;
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.refresh(), backoffDelay(this.failures++));
      } finally {
        this.refreshing = null;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          void this.refresh();
        }
      }
    })();
    return this.refreshing;
  }

  /**
   * The ticker and the pinned announcements as the server has them, so a screen that was
   * just (re)loaded, or missed events while away, shows the same side column as one that
   * stayed open. Either failing leaves the column as it was.
   */
  private async loadSide(): Promise<void> {
    const [solves, announcements] = await Promise.allSettled([getRecentSolves(20, PUBLIC), getAnnouncements(PUBLIC)]);
    if (solves.status === 'fulfilled') this.items = mergeSolves(this.items, solves.value.solves);
    if (announcements.status === 'fulfilled') {
      const everyone = unexpired(
        announcements.value.announcements.filter((a) => a.teamId === null),
        Date.now(),
      );
      this.setAnnouncements(everyone.reduce(pinAnnouncement, this.announcements));
    }
  }

  /** Keeps only announcements still showing and wakes up when the next one should go. */
  private setAnnouncements(list: PinnedAnnouncement[]): void {
    const now = Date.now();
    this.announcements = unexpired(list, now);
    clearTimeout(this.expiryTimer);
    const next = Math.min(...this.announcements.map((a) => expiresAt(a) ?? Infinity));
    if (Number.isFinite(next)) this.expiryTimer = setTimeout(() => this.setAnnouncements(this.announcements), Math.max(0, next - now) + 50);
  }

  private applyEvent(event: EventInfo): void {
    const previous = this.event;
    this.event = event;
    if (event.state === 'draft' && (previous?.state !== 'draft' || !this.joinInfo)) void this.loadJoinInfo();
    if (event.state !== 'draft') this.joinInfo = null;
    // Freeze and reveal change which board the public sees.
    if (previous && (previous.frozen !== event.frozen || previous.revealed !== event.revealed)) void this.refresh();
    this.watchBoundary(event);
  }

  /**
   * A scheduled freeze and the end arrive by time, with no stream event: look again just
   * after the next of them, so the banner shows when the board stops moving.
   */
  private watchBoundary(event: EventInfo): void {
    clearTimeout(this.boundaryTimer);
    if (event.state !== 'running') return;
    const now = Date.parse(event.serverNow);
    const next = [event.frozen ? null : event.freezeAt, event.endsAt]
      .map((at) => (at ? Date.parse(at) - now : -1))
      .filter((ms) => ms > 0)
      .sort((a, b) => a - b)[0];
    if (next !== undefined && next < 2 ** 31 - 1000) this.boundaryTimer = setTimeout(() => void this.refresh(), next + 500);
  }

  private applyBoard(board: Scoreboard): void {
    this.board = board;
    this.revision++;
  }

  private async loadJoinInfo(): Promise<void> {
    try {
      this.joinInfo = await getJoinInfo(PUBLIC);
    } catch {
      // 403/404 once the event has moved on, or the server is away: show the address alone.
      this.joinInfo = null;
    }
  }

  private renderMain() {
    const event = this.event;
    if (!event) return html`<p class="waiting">${this.i18n.t('screen.connecting')}</p>`;
    const teams = this.board?.teams ?? [];
    if (event.revealed) return html`<jam-screen-finale .teams=${teams} .event=${event} .cycle=${this.cycle}></jam-screen-finale>`;
    if (event.state === 'draft') {
      return html`<jam-screen-join
        .info=${this.joinInfo}
        .origin=${location.origin}
        .startsAt=${event.startsAt}
        .teamCount=${this.board?.total ?? 0}
      ></jam-screen-join>`;
    }
    const frozen = event.frozen || this.board?.frozen === true;
    return html`
      <jam-screen-ranking
        class="ranking"
        style="--top: ${this.top}"
        .teams=${teams}
        .rows=${this.top}
        .totalTasks=${this.board?.totalTasks}
        .banner=${frozen ? this.i18n.t('screen.frozen') : ''}
      ></jam-screen-ranking>
      <jam-screen-rest class="rest" .offset=${this.top} .total=${this.board?.total ?? 0} .revision=${this.revision}></jam-screen-rest>
    `;
  }

  override render() {
    const event = this.event;
    const showDot = this.graceOver && (this.stream.state !== 'open' || this.fetchFailing);
    return html`
      <header class="band">
        <h1 class="name">${event?.name || this.i18n.t('app.name')}</h1>
        ${
          event
            ? html`<jam-clock
              class="clock"
              inline
              .state=${event.state}
              .endsAt=${event.endsAt}
              .startsAt=${event.startsAt}
              .serverNow=${event.serverNow}
            ></jam-clock>`
            : nothing
        }
      </header>
      <main class="main">${this.renderMain()}</main>
      <aside class="side">
        <jam-screen-ticker .items=${this.items} .announcements=${this.announcements}></jam-screen-ticker>
      </aside>
      ${
        showDot
          ? html`<jam-connection-dot class="dot" show-label .state=${this.fetchFailing && this.stream.state === 'open' ? 'reconnecting' : this.stream.state}></jam-connection-dot>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen': JamScreen;
  }
}
