import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { getChallenges, getEvent, getMe, updateMe } from '../api.ts';
import type { EventInfo, Lang, Me } from '../api-types.ts';
import { deepActiveElement } from '../components/focus.ts';
import '../components/jam-live-region.ts';
import type { JamLiveRegion } from '../components/jam-live-region.ts';
import '../components/jam-toast-stack.ts';
import type { JamToastStack } from '../components/jam-toast-stack.ts';
import { getLang, LocalizeController, t } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { base } from '../styles/shared.ts';
import { gameStyles, WIDE_QUERY } from './game.styles.ts';
import { GameRouter } from './game-router.ts';
import './jam-board-view.ts';
import './jam-challenge-view.ts';
import './jam-lobby-view.ts';
import './jam-scoreboard-view.ts';
import './jam-team-panel.ts';
import type { JamTeamPanel } from './jam-team-panel.ts';
import './jam-top-bar.ts';
import type { Standing } from './jam-top-bar.ts';
import { standingFromBoard, standingFromMe } from './standing.ts';
import { PLAYER_STREAM } from './stream.ts';
import { TeamFeed } from './team-feed.ts';

const ME_REFRESH_MS = 5000;
/** Phones get the compact top bar, which folds to one row while the page scrolls down. */
const PHONE_QUERY = '(max-width: 40rem)';

/**
 * The game once the player has joined: the top bar, the routed view (lobby, board, challenge,
 * scoreboard), the team panel, toasts and the live region. It owns what every view shares —
 * the player and team, the clock, the board list, the team's activity — and the stream
 * events that change them.
 *
 * @fires jam-signed-out - the session is gone (the player must join again)
 */
@customElement('jam-game')
export class JamGame extends LitElement {
  static override styles = [base, gameStyles];

  /** The player and team from `GET /api/me`. */
  @property({ attribute: false }) me!: Me;

  @state() private event: EventInfo | null = null;
  @state() private standing: Standing | null = null;
  @state() private contentLang: Lang = getLang();
  @state() private wide = matchMedia(WIDE_QUERY).matches;
  @state() private panelOpen = false;
  @state() private unread = 0;
  @state() private barCollapsed = false;
  private lastScroll = 0;
  @query('jam-toast-stack') private toasts!: JamToastStack;
  @query('jam-live-region') private live!: JamLiveRegion;
  @query('jam-team-panel') private panel!: JamTeamPanel | null;
  private readonly i18n = new LocalizeController(this);
  private readonly router = new GameRouter(this);
  private readonly media = matchMedia(WIDE_QUERY);
  private meTimer: ReturnType<typeof setTimeout> | undefined;
  private lastConnection = 'connecting';
  private lastRoute = JSON.stringify(this.router.route);
  private panelOpener: HTMLElement | null = null;

  private readonly challenges = new Task(this, {
    task: async ([teamId], { signal }) => (teamId ? (await getChallenges({ signal })).challenges : null),
    args: () => [this.me.team?.id ?? 0, this.contentLang] as const,
  });

  private readonly feed = new TeamFeed(this, {
    me: () => this.me,
    toasts: () => this.toasts ?? null,
    challengeTitle: (id) => this.challenges.value?.find((c) => c.id === id)?.title,
    contentLang: () => this.contentLang,
  });

  private readonly stream = new StreamController(
    this,
    {
      clock: (event) => {
        // The reveal makes the board true again: the team's final rank comes with `/api/me`.
        if (event.revealed && !this.event?.revealed) void this.refreshMe();
        this.event = event;
      },
      scoreboard: (board) => {
        // Kept even before the player has a team: the rank needs the board's total later.
        const { standing, found } = standingFromBoard(board, this.me.team?.id ?? 0, this.standing);
        this.standing = standing;
        if (!found && this.me.team) this.scheduleMe();
      },
      solve: (solve) => {
        if (solve.teamId !== this.me.team?.id) return;
        void this.refreshMe();
        void this.challenges.run();
      },
      // In CTFd's penalty mode an unlock costs points at once.
      clue: (clue) => {
        if (!('released' in clue) && clue.teamId === this.me.team?.id) void this.refreshMe();
      },
      // In CTFd's penalty mode a wrong attempt on a task with wrongPenalty costs at once too.
      wrong: (wrong) => {
        if (wrong.teamId === this.me.team?.id && wrong.penalty > 0) void this.refreshMe();
      },
      team: () => void this.refreshAll(),
      challenges: () => void this.challenges.run(),
      // The rehearsal was reset: this player is gone; back to the join page.
      restart: () => this.dispatchEvent(new CustomEvent('jam-signed-out', { bubbles: true, composed: true })),
      adjustment: (adjustment) => {
        if (adjustment.teamId === this.me.team?.id) void this.refreshMe();
      },
    },
    { url: PLAYER_STREAM, onResync: () => void this.refreshAll() },
  );

  constructor() {
    super();
    this.addEventListener('jam-announce', (e) => this.live?.announce(e.detail.message));
    this.addEventListener('jam-refresh', (e) => {
      if (e.detail.what === 'me') void this.refreshMe();
      else if (e.detail.what === 'challenges') void this.challenges.run();
      else void this.refreshAll();
    });
    this.addEventListener('jam-language-change', (e) => void this.handleLanguage(e.detail.lang));
    this.addEventListener('jam-clock-tone', (e) => {
      if (e.detail.tone === 'amber') this.live?.announce(t('clock.amberWarning'));
      if (e.detail.tone === 'red') this.live?.announce(t('clock.redWarning'));
    });
    this.addEventListener('jam-panel-toggle', () => this.setPanel(!this.panelOpen));
    this.addEventListener('jam-panel-close', () => this.setPanel(false));
    this.addEventListener('jam-unread-change', (e) => (this.unread = e.detail.count));
  }

  /** Keeps --jam-toast-top current as the top bar changes height (it folds on a phone). */
  private readonly barObserver = new ResizeObserver(() => this.placeToasts());

  /**
   * Where toasts start on a phone: under the top bar, or, while the team panel covers the page
   * as a drawer, under its tabs, so they never hide a button or the message box.
   */
  private placeToasts(): void {
    const bar = this.renderRoot.querySelector('jam-top-bar');
    const tabs = this.panelOpen && !this.wide ? this.panel?.tabsBottom() : undefined;
    const top = tabs ?? bar?.getBoundingClientRect().height ?? 0;
    this.style.setProperty('--jam-toast-top', `${Math.ceil(top)}px`);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.media.addEventListener('change', this.handleMedia);
    void this.loadEvent();
  }

  protected override firstUpdated(): void {
    const bar = this.renderRoot.querySelector('jam-top-bar');
    if (bar) this.barObserver.observe(bar);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.media.removeEventListener('change', this.handleMedia);
    this.barObserver.disconnect();
    clearTimeout(this.meTimer);
  }

  private handleMedia = (event: MediaQueryListEvent): void => {
    this.wide = event.matches;
    if (this.wide) this.panelOpen = false;
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('me')) {
      this.standing = standingFromMe(this.me, this.standing);
    }
  }

  protected override updated(): void {
    document.title = this.pageTitle();
    const routeKey = JSON.stringify(this.router.route);
    if (routeKey !== this.lastRoute) {
      this.lastRoute = routeKey;
      // Following a link from the drawer (an activity item) closes it.
      if (this.panelOpen) this.panelOpen = false;
    }
    const state = this.stream.state;
    if (state !== this.lastConnection) {
      if (state === 'reconnecting') this.live?.announce(t('connection.reconnecting'));
      if (state === 'open' && this.lastConnection === 'reconnecting') this.live?.announce(t('connection.restored'));
      this.lastConnection = state;
    }
  }

  private async loadEvent(): Promise<void> {
    try {
      this.event = await getEvent();
    } catch {
      // The stream's `clock` event fills it in once connected.
    }
  }

  /** `/api/me` after something changed the team or its score; the 401 means the session ended. */
  private async refreshMe(): Promise<void> {
    clearTimeout(this.meTimer);
    this.meTimer = undefined;
    try {
      this.me = await getMe();
    } catch (error) {
      if ((error as { status?: number }).status === 401) this.dispatchEvent(new CustomEvent('jam-signed-out', { bubbles: true, composed: true }));
    }
  }

  private scheduleMe(): void {
    if (!this.meTimer) this.meTimer = setTimeout(() => void this.refreshMe(), ME_REFRESH_MS);
  }

  private async refreshAll(): Promise<void> {
    await Promise.all([this.refreshMe(), this.loadEvent()]);
    void this.challenges.run();
  }

  private async handleLanguage(lang: Lang): Promise<void> {
    try {
      await updateMe({ language: lang });
    } catch {
      // The UI switched anyway; server texts follow on the next successful change.
    }
    this.contentLang = lang;
    void this.refreshMe();
  }

  private setPanel(open: boolean): void {
    if (open === this.panelOpen) return;
    if (open) this.panelOpener = deepActiveElement();
    this.panelOpen = open;
    // Focus moves once the drawer is displayed: into it on open, back to the opener on close.
    void this.updateComplete.then(async () => {
      await this.panel?.updateComplete;
      this.placeToasts();
      if (open) this.panel?.focusFirst();
      else if (this.panelOpener?.isConnected) this.panelOpener.focus();
    });
  }

  private pageTitle(): string {
    const app = this.event?.name || t('app.name');
    const route = this.router.route;
    let title = t('lobby.title');
    if (this.inGame) {
      if (route.name === 'scoreboard') title = t('scoreboard.title');
      else if (route.name === 'challenge') title = this.challenges.value?.find((c) => c.id === route.id)?.title ?? t('board.title');
      else title = t('board.title');
    }
    return `${title} · ${app}`;
  }

  private get inGame(): boolean {
    return Boolean(this.me.team && this.event && this.event.state !== 'draft');
  }

  private renderView() {
    const team = this.me.team;
    if (!this.event) return html`<p class="card muted" role="status">${t('common.loading')}</p>`;
    if (!team || !this.inGame) return html`<jam-lobby-view .me=${this.me} .event=${this.event}></jam-lobby-view>`;
    const route = this.router.route;
    switch (route.name) {
      case 'challenge':
        return html`<jam-challenge-view
          challenge-id=${route.id}
          team-id=${team.id}
          .eventState=${this.event.state}
          .penaltyMode=${this.event.penaltyMode}
          .contentLang=${this.contentLang}
          back-href=${this.router.boardHref}
        ></jam-challenge-view>`;
      case 'scoreboard':
        return html`<jam-scoreboard-view team-id=${team.id}></jam-scoreboard-view>`;
      default:
        return html`<jam-board-view
          .challenges=${this.challenges.value ?? null}
          .eventState=${this.event.state}
          ?failed=${this.challenges.status === TaskStatus.ERROR}
        ></jam-board-view>`;
    }
  }

  /** Folds the phone's top bar while reading down the page; any scroll back up unfolds it. */
  private handleScroll(event: Event): void {
    const y = (event.target as HTMLElement).scrollTop;
    const phone = matchMedia(PHONE_QUERY).matches;
    if (!phone || y < 48) this.barCollapsed = false;
    else if (y > this.lastScroll + 4) this.barCollapsed = true;
    else if (y < this.lastScroll - 4) this.barCollapsed = false;
    this.lastScroll = y;
  }

  /** Time is up: say so, and once revealed, where the team finished. */
  private renderEventOver() {
    const event = this.event;
    const team = this.me.team;
    if (event?.state !== 'ended' || !team) return nothing;
    const { i18n } = this;
    if (!event.revealed) return html`<p class="notice event-over" role="status">${i18n.t('game.over')}</p>`;
    const rank = this.standing?.rank ?? team.rank;
    const total = this.standing?.total;
    const score = this.standing?.score ?? team.score;
    return html`<p class="notice success event-over" role="status">
      ${rank != null ? i18n.t(total ? 'game.finalRank' : 'game.finalRankNoTotal', { rank, total: total ?? 0, score }) : i18n.t('game.revealed')}
    </p>`;
  }

  private handleSkip(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private handlePanelKey(event: KeyboardEvent): void {
    // Escape inside a dialog (e.g. "Leave team?") closes only that dialog.
    if (event.composedPath().some((node) => node instanceof HTMLDialogElement)) return;
    if (event.key === 'Escape' && !this.wide && this.panelOpen) {
      event.stopPropagation();
      this.setPanel(false);
    }
  }

  override render() {
    const team = this.me.team;
    const drawer = !this.wide;
    // The open drawer is modal: the page behind it leaves the tab order until it closes.
    const modal = drawer && this.panelOpen;
    return html`
      <a class="skip" href="#main" @click=${this.handleSkip}>${this.i18n.t('common.skipToContent')}</a>
      <jam-top-bar
        ?inert=${modal}
        .event=${this.event}
        .me=${this.me}
        .standing=${this.standing}
        .route=${this.router.route}
        .connection=${this.stream.state}
        ?drawer=${drawer}
        ?panel-open=${this.panelOpen}
        ?collapsed=${this.barCollapsed}
        unread=${this.unread}
      ></jam-top-bar>
      <div class="layout ${team ? 'with-panel' : ''}">
        <main id="main" tabindex="-1" ?inert=${modal} @scroll=${this.handleScroll}>${this.renderEventOver()}${this.renderView()}</main>
        ${
          team
            ? html`${drawer && this.panelOpen ? html`<div class="backdrop" @click=${() => this.setPanel(false)}></div>` : nothing}
              <aside
                class="panel ${this.panelOpen ? 'open' : ''}"
                aria-label=${this.i18n.t('team.panel.title')}
                ?inert=${drawer && !this.panelOpen}
                @keydown=${this.handlePanelKey}
              >
                <jam-team-panel
                  .me=${this.me}
                  .activity=${this.feed.activity}
                  .announcements=${this.feed.announcements}
                  content-lang=${this.contentLang}
                  ?visible=${!drawer || this.panelOpen}
                  ?drawer=${drawer}
                ></jam-team-panel>
              </aside>`
            : nothing
        }
      </div>
      <jam-toast-stack></jam-toast-stack>
      <jam-live-region></jam-live-region>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-game': JamGame;
  }
  interface GlobalEventHandlersEventMap {
    'jam-signed-out': CustomEvent<void>;
  }
}
