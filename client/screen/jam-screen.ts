import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getAnnouncements, getEvent, getJoinInfo, getRecentSolves, getScoreboard } from '../api.ts';
import type { EventInfo, JoinInfo, Scoreboard } from '../api-types.ts';
import '../components/jam-clock.ts';
import '../components/jam-connection-dot.ts';
import { getLang, LocalizeController, localized, type MessageKey, type Params, setLang, setSecondLang } from '../i18n/index.ts';
import { backoffDelay, StreamController } from '../realtime.ts';
import './jam-screen-join.ts';
import './jam-screen-finale.ts';
import type { JamScreenFinale } from './jam-screen-finale.ts';
import { DEFAULT_AUTO_SECONDS } from './finale-model.ts';
import './jam-screen-ranking.ts';
import './jam-screen-rest.ts';
import './jam-screen-ticker.ts';
import type { TickerItem } from './jam-screen-ticker.ts';
import { screenStyles } from './jam-screen.styles.ts';
import { addSolve, DEFAULT_TOP, expiresAt, mergeSolves, pinAnnouncement, unexpired, type PinnedAnnouncement } from './screen-state.ts';

const EVENT_REFRESH_MS = 60_000;
/**
 * The screen is often opened in a facilitator's browser, next to the admin console: it asks
 * for the public stream and sends no cookies, so it never shows the live board while frozen.
 */
const SCREEN_STREAM = '/api/stream?view=public';
const PUBLIC = { credentials: 'omit' } as const;
const DOT_GRACE_MS = 3000;
/** The browser's own language, for a screen told neither by its URL nor by the console. */
const BROWSER_LANG = getLang();

export type ScreenLanguage = 'en' | 'ja' | 'both';

export function isScreenLanguage(value: unknown): value is ScreenLanguage {
  return value === 'en' || value === 'ja' || value === 'both';
}

/** `both` shows English with Japanese beneath it; null goes back to the browser's language. */
export function applyScreenLanguage(choice: ScreenLanguage | null): void {
  setLang(choice === 'both' ? 'en' : (choice ?? BROWSER_LANG), false);
  setSecondLang(choice === 'both' ? 'ja' : null);
}

/**
 * The projector view at `/screen`: event name and countdown on top, the ranking with the
 * rest of the teams paging below it, recent solves at the side; a join panel before the
 * start, a frozen badge and banner, "Time's up!" at the end, warnings across the full width,
 * and after the reveal the results sequence the MC paces, full-screen. It never goes blank: on
 * a stream drop it keeps the last state, shows a small reconnecting dot, and refetches
 * everything it shows each time the stream (re)opens.
 */
@customElement('jam-screen')
export class JamScreen extends LitElement {
  static override styles = screenStyles;

  /** Rows in the ranking (`?top=`). */
  @property({ type: Number }) top = DEFAULT_TOP;
  /** After the results sequence, alternate final podium and race this many seconds each (`?cycle=`); 0: stay on the podium. */
  @property({ type: Number }) cycle = 0;
  /** Seconds per results step when nobody paces them (`?auto=`); 0 waits for the MC. */
  @property({ type: Number }) auto = DEFAULT_AUTO_SECONDS;
  /** The language fixed by the URL (`?lang=`); null follows the console's choice. */
  @property({ attribute: false }) fixedLanguage: ScreenLanguage | null = null;

  @state() private event: EventInfo | null = null;
  @state() private board: Scoreboard | null = null;
  @state() private joinInfo: JoinInfo | null = null;
  @state() private items: TickerItem[] = [];
  @state() private announcements: PinnedAnnouncement[] = [];
  @state() private revision = 0;
  /** Counts successful refetches, so the results sequence refetches its history too. */
  @state() private refreshes = 0;
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
  private lastConnection = this.stream.state;

  override connectedCallback(): void {
    super.connectedCallback();
    // Keeps the clock offset and state honest even if a `clock` event was ever missed.
    this.timers.push(setInterval(() => void this.refresh(), EVENT_REFRESH_MS));
    this.timers.push(setTimeout(() => (this.graceOver = true), DOT_GRACE_MS));
    window.addEventListener('keydown', this.handleKey);
  }

  /** The MC's keys (or a presenter remote) move the results sequence. */
  private handleKey = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const finale = this.renderRoot.querySelector<JamScreenFinale>('jam-screen-finale');
    if (finale?.press(event.key)) event.preventDefault();
  };

  protected override firstUpdated(): void {
    // Not in connectedCallback: main.ts sets `top` right after the element upgrades.
    void this.refresh();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('top') && changed.get('top') !== undefined) void this.refresh();
    // The first fetch and the stream's first open are not ordered: whatever happened between
    // them (the start, a solve) came on no stream, so look again once it is open. Reopens are
    // covered by the stream's resync.
    const connection = this.stream.state;
    if (connection !== this.lastConnection) {
      if (connection === 'open' && this.lastConnection === 'connecting') void this.refresh();
      this.lastConnection = connection;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.handleKey);
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
        this.refreshes++;
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
    if (this.fixedLanguage === null) applyScreenLanguage(event.screenLanguage);
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

  /** A message, with the second language beneath it when the screen shows both. */
  private both(key: MessageKey, params?: Params) {
    const second = this.i18n.second(key, params);
    return html`${this.i18n.t(key, params)}${second ? html`<span class="second" lang=${this.i18n.secondLang ?? ''}>${second}</span>` : nothing}`;
  }

  private renderMain() {
    const event = this.event;
    if (!event) return html`<p class="waiting">${this.i18n.t('screen.connecting')}</p>`;
    const teams = this.board?.teams ?? [];
    if (event.revealed) {
      return html`<jam-screen-finale
        .teams=${teams}
        .event=${event}
        .cycle=${this.cycle}
        .auto=${this.auto}
        .step=${event.finaleStep}
        .revision=${this.refreshes}
      ></jam-screen-finale>`;
    }
    if (event.state === 'draft') {
      return html`<jam-screen-join
        .info=${this.joinInfo}
        .origin=${location.origin}
        .startsAt=${event.startsAt}
        .teamCount=${this.board?.total ?? 0}
      ></jam-screen-join>`;
    }
    // Once time is up the freeze no longer matters: the room waits for the reveal.
    const banner = event.state === 'ended' ? this.both('screen.ended') : event.frozen || this.board?.frozen === true ? this.both('screen.frozen') : null;
    return html`
      <jam-screen-ranking
        class="ranking"
        style="--top: ${this.top}"
        .teams=${teams}
        .rows=${this.top}
        .totalTasks=${this.board?.totalTasks}
        .banner=${banner}
        ?ended=${event.state === 'ended'}
      ></jam-screen-ranking>
      <jam-screen-rest class="rest" .offset=${this.top} .total=${this.board?.total ?? 0} .revision=${this.revision}></jam-screen-rest>
    `;
  }

  /** Warnings go across the full width, under the band; information stays pinned in the side column. */
  private renderAlert() {
    const warning = this.announcements.find((a) => a.level === 'warning');
    if (!warning || this.event?.revealed) return nothing;
    const primary = localized(warning.texts ?? warning.text, this.i18n.lang) || warning.text;
    const secondLang = this.i18n.secondLang;
    const second = secondLang && warning.texts?.[secondLang] ? warning.texts[secondLang] : '';
    return html`<div class="alert" role="alert">
      <span class="alert-label">${this.both('screen.alert')}</span>
      <p class="alert-text">${primary}</p>
      ${second && second !== primary ? html`<p class="alert-text second" lang=${secondLang ?? ''}>${second}</p>` : nothing}
    </div>`;
  }

  override render() {
    const event = this.event;
    const showDot = this.graceOver && (this.stream.state !== 'open' || this.fetchFailing);
    const frozenBadge = event?.frozen && event.state !== 'ended' && !event.revealed;
    return html`
      <header class="band">
        <h1 class="name">${event?.name || this.i18n.t('app.name')}</h1>
        ${frozenBadge ? html`<span class="frozen-badge">❄ ${this.both('event.frozen')}</span>` : nothing}
        ${
          event && !event.revealed
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
      ${this.renderAlert()}
      <main class="main ${event?.revealed ? 'finale' : ''}">${this.renderMain()}</main>
      <aside class="side">
        <jam-screen-ticker .items=${this.items} .announcements=${this.announcements.filter((a) => a.level !== 'warning')}></jam-screen-ticker>
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
