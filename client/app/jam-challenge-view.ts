import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, getChallenge } from '../api.ts';
import type { ChallengeDetail, EventState, Lang } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import './jam-rating.ts';
import './jam-task-card.ts';
import { categoryLabel } from './categories.ts';
import { playerStyles } from './player.styles.ts';
import { PLAYER_STREAM } from './stream.ts';

/**
 * A challenge: the briefing, then its tasks in order, then (once every task is solved) the
 * rating. Teammates' solves and clue unlocks on this challenge refetch it live.
 */
@customElement('jam-challenge-view')
export class JamChallengeView extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    playerStyles,
    css`
      :host {
        display: block;
        max-width: 60rem;
        margin: 0 auto;
      }
      .back {
        display: inline-flex;
        gap: var(--jam-space-1);
        margin-bottom: var(--jam-space-3);
        font-weight: var(--jam-font-weight-medium);
      }
      .head {
        display: grid;
        gap: var(--jam-space-2);
        margin-bottom: var(--jam-space-5);
      }
      h1 {
        font-size: var(--jam-font-size-2xl);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--jam-space-2) var(--jam-space-4);
        font-size: var(--jam-font-size-sm);
      }
      .category {
        font-weight: var(--jam-font-weight-medium);
      }
      .briefing {
        margin-bottom: var(--jam-space-5);
      }
      .briefing h2 {
        font-size: var(--jam-font-size-lg);
        margin-bottom: var(--jam-space-3);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: var(--jam-space-5);
      }
      .closed {
        margin-bottom: var(--jam-space-5);
      }
      .done {
        margin: var(--jam-space-5) 0;
      }
    `,
  ];

  /** The challenge id from the route. */
  @property({ attribute: 'challenge-id' }) challengeId = '';
  /** The caller's team, to pick its own events off the stream. */
  @property({ type: Number, attribute: 'team-id' }) teamId = 0;
  @property() eventState: EventState = 'running';
  /** The event's penalty rule, for the clue confirmation's wording. */
  @property() penaltyMode: 'on-solve' | 'immediate' = 'on-solve';
  /** The language the server resolves texts in; a change refetches. */
  @property() contentLang: Lang = 'en';
  /** Where "Back to challenges" leads (the board with its filters). */
  @property({ attribute: 'back-href' }) backHref = '/';

  @query('h1') private heading!: HTMLElement | null;
  private wantsFocus = false;
  private readonly i18n = new LocalizeController(this);

  private readonly detail = new Task(this, {
    task: ([id], { signal }) => getChallenge(id, { signal }),
    args: () => [this.challengeId, this.contentLang] as const,
    onComplete: (value) => (this.lastGood = value),
  });
  /** The last copy that loaded: a failed live refetch must not wipe what the player typed. */
  private lastGood: ChallengeDetail | undefined;

  private readonly stream = new StreamController(
    this,
    {
      solve: (s) => {
        if (s.teamId === this.teamId && s.challengeId === this.challengeId) void this.detail.run();
      },
      // A teammate's unlock, or a clue released to everyone by time.
      clue: (c) => {
        if (c.challengeId === this.challengeId && ('released' in c || c.teamId === this.teamId)) void this.detail.run();
      },
      // A teammate's wrong attempt changes the attempts left and the points available.
      wrong: (w) => {
        if (w.teamId === this.teamId && w.challengeId === this.challengeId) void this.detail.run();
      },
      challenges: () => void this.detail.run(),
    },
    { url: PLAYER_STREAM, onResync: () => void this.detail.run() },
  );

  constructor() {
    super();
    this.addEventListener('jam-refresh', (event) => {
      if (event.detail.what !== 'challenge') return;
      event.stopPropagation();
      void this.detail.run();
    });
  }

  /** Focuses the title once the challenge has loaded (after a route change). */
  focusHeading(): void {
    this.wantsFocus = true;
    void this.updateComplete.then(() => this.tryFocus());
  }

  private tryFocus(): void {
    if (this.wantsFocus && this.heading) {
      this.heading.focus();
      this.wantsFocus = false;
    }
  }

  protected override updated(): void {
    this.tryFocus();
  }

  private renderChallenge(c: ChallengeDetail) {
    const { i18n } = this;
    const allSolved = c.totalTasks > 0 && c.solvedTasks >= c.totalTasks;
    return html`
      <div class="head">
        <h1 tabindex="-1">${c.title}</h1>
        <div class="meta">
          <span class="category">${categoryLabel(c.category, i18n.lang)}</span>
          <span class="badge ${c.difficulty}">${i18n.t(`difficulty.${c.difficulty}`)}</span>
          <span class="tabular">${i18n.t('board.progress', { solved: c.solvedTasks, total: c.totalTasks })}</span>
          <span class="tabular">${i18n.t('board.points', { points: c.points })}</span>
          ${c.source ? html`<span class="muted">${i18n.t('challenge.source', { source: c.source })}</span>` : nothing}
        </div>
      </div>
      ${this.eventState === 'running' ? nothing : html`<p class="notice warning closed" role="status">${i18n.t('feedback.notRunning')}</p>`}
      ${
        c.briefing
          ? html`<section class="surface briefing" aria-labelledby="briefing">
            <h2 id="briefing">${i18n.t('challenge.briefing')}</h2>
            <!-- Server-rendered by markdown-it with raw HTML disabled: safe to insert as markup. -->
            <div class="prose">${unsafeHTML(c.briefing)}</div>
          </section>`
          : html`<p class="briefing">${c.summary}</p>`
      }
      <ol>
        ${repeat(
          c.tasks,
          (t) => t.id,
          (t, index) => html`<li>
            <jam-task-card challenge-id=${c.id} .task=${t} position=${index + 1} .eventState=${this.eventState} .penaltyMode=${this.penaltyMode}></jam-task-card>
          </li>`,
        )}
      </ol>
      ${
        allSolved
          ? html`<p class="notice success done" role="status">${i18n.t('challenge.allSolved')}</p>
            <jam-rating challenge-id=${c.id} .rating=${c.myRating}></jam-rating>`
          : nothing
      }
    `;
  }

  private renderError(error: unknown) {
    const { i18n } = this;
    const status = error instanceof ApiError ? error.status : 0;
    const key = status === 404 ? 'challenge.notFound' : status === 403 ? 'challenge.locked' : 'common.networkError';
    return html`<h1 tabindex="-1">${i18n.t('challenge.unavailable')}</h1>
      <p class="notice warning" role="alert">${i18n.t(key)}</p>
      ${
        status === 404 || status === 403
          ? nothing
          : html`<p><button class="btn" type="button" @click=${() => void this.detail.run()}>${i18n.t('common.retry')}</button></p>`
      }`;
  }

  override render() {
    const back = html`<a class="back" href=${this.backHref}><span aria-hidden="true">←</span> ${this.i18n.t('challenge.back')}</a>`;
    const value = this.lastGood;
    const gone = this.detail.error instanceof ApiError && (this.detail.error.status === 404 || this.detail.error.status === 403);
    // Keep showing the last copy while a refetch runs (or fails on the network), so inputs and
    // focus stay put; a challenge taken out of play (404) or locked (403) says so instead.
    if (value && value.id === this.challengeId && !gone) return html`${back}${this.renderChallenge(value)}`;
    return this.detail.render({
      pending: () => html`${back}<p class="muted" role="status">${this.i18n.t('common.loading')}</p>`,
      complete: (c) => html`${back}${this.renderChallenge(c)}`,
      error: (e) => html`${back}${this.renderError(e)}`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-challenge-view': JamChallengeView;
  }
}
