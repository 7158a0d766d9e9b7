import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { getScoreboard, getScoreHistory } from '../api.ts';
import type { Scoreboard, ScoreHistory } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { base, buttons, focusRing, srOnly } from '../styles/shared.ts';
import './jam-score-chart.ts';
import { playerStyles } from './player.styles.ts';
import { PLAYER_STREAM } from './stream.ts';

/** The stream pushes the first page of this size; the table pages by the same. */
const PAGE = 100;
const HISTORY_EVERY_MS = 10_000;

/**
 * The scoreboard: a banner while frozen, the ranking table (live on its first page), and
 * the score-over-time chart of the top 10.
 */
@customElement('jam-scoreboard-view')
export class JamScoreboardView extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    srOnly,
    playerStyles,
    css`
      :host {
        display: block;
        max-width: 72rem;
        margin: 0 auto;
      }
      h1 {
        font-size: var(--jam-font-size-2xl);
        margin-bottom: var(--jam-space-4);
      }
      h2 {
        font-size: var(--jam-font-size-lg);
        margin-bottom: var(--jam-space-3);
      }
      .frozen {
        margin-bottom: var(--jam-space-4);
        font-weight: var(--jam-font-weight-medium);
      }
      section + section {
        margin-top: var(--jam-space-5);
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        padding: var(--jam-space-2) var(--jam-space-3);
        text-align: start;
        border-bottom: 1px solid var(--jam-color-border);
      }
      thead th {
        font-size: var(--jam-font-size-sm);
        color: var(--jam-color-text-muted);
      }
      .num {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      .rank {
        width: 4rem;
        font-weight: var(--jam-font-weight-bold);
      }
      tr.mine {
        background: var(--jam-color-surface-raised);
        box-shadow: inset 4px 0 0 var(--jam-color-accent);
      }
      .you {
        margin-inline-start: var(--jam-space-2);
      }
      th[scope='row'] {
        overflow-wrap: anywhere;
      }
      /* A phone is 360 px wide: the table fits without sideways scrolling. */
      @media (max-width: 40rem) {
        th,
        td {
          padding: var(--jam-space-2) var(--jam-space-1);
        }
        .rank {
          width: 2.5rem;
        }
        .last {
          display: none;
        }
        .you {
          display: block;
          width: fit-content;
          margin: var(--jam-space-1) 0 0;
        }
      }
      .pager {
        display: flex;
        align-items: center;
        gap: var(--jam-space-3);
        margin-top: var(--jam-space-3);
      }
    `,
  ];

  @property({ type: Number, attribute: 'team-id' }) teamId = 0;

  @state() private board: Scoreboard | null = null;
  @state() private history: ScoreHistory | null = null;
  @state() private offset = 0;
  @state() private failed = false;
  @query('h1') private heading!: HTMLElement | null;
  private historyAt = 0;
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly i18n = new LocalizeController(this);

  private readonly stream = new StreamController(
    this,
    {
      scoreboard: (board) => {
        if (this.offset === 0) this.board = board;
        this.scheduleHistory();
      },
      clock: () => this.scheduleHistory(),
    },
    { url: PLAYER_STREAM, onResync: () => void this.load() },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.historyTimer);
  }

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  private async load(): Promise<void> {
    try {
      this.board = await getScoreboard({ offset: this.offset, limit: PAGE });
      this.failed = false;
    } catch {
      this.failed = true;
    }
    await this.loadHistory();
  }

  private async loadHistory(): Promise<void> {
    this.historyAt = Date.now();
    try {
      this.history = await getScoreHistory(10);
    } catch {
      // The table is the main content; the chart catches up on the next change.
    }
  }

  /** The chart does not need every solve at once: at most one refetch per interval. */
  private scheduleHistory(): void {
    if (this.historyTimer) return;
    const wait = Math.max(0, this.historyAt + HISTORY_EVERY_MS - Date.now());
    this.historyTimer = setTimeout(() => {
      this.historyTimer = undefined;
      void this.loadHistory();
    }, wait);
  }

  private page(delta: number): void {
    this.offset = Math.max(0, this.offset + delta * PAGE);
    void this.load();
  }

  private renderTable(board: Scoreboard) {
    const { i18n } = this;
    if (board.teams.length === 0) return html`<p class="muted">${i18n.t('scoreboard.empty')}</p>`;
    const pages = Math.max(1, Math.ceil(board.total / PAGE));
    const page = Math.floor(this.offset / PAGE) + 1;
    return html`<table class="ranking">
        <caption class="sr-only">${i18n.t('scoreboard.title')}</caption>
        <thead>
          <tr>
            <th scope="col" class="rank">${i18n.t('scoreboard.rank')}</th>
            <th scope="col">${i18n.t('scoreboard.team')}</th>
            <th scope="col" class="num">${i18n.t('scoreboard.solved')}</th>
            <th scope="col" class="num">${i18n.t('scoreboard.score')}</th>
            <th scope="col" class="num last">${i18n.t('scoreboard.lastSolve')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            board.teams,
            (t) => t.id,
            (t) => html`<tr class=${t.id === this.teamId ? 'mine' : ''}>
              <td class="rank num">${i18n.number(t.rank)}</td>
              <th scope="row">
                ${t.name}${t.id === this.teamId ? html`<span class="badge you">${i18n.t('scoreboard.yourTeam')}</span>` : nothing}
              </th>
              <td class="num">${i18n.number(t.solvedTasks)}/${i18n.number(board.totalTasks)}</td>
              <td class="num"><strong>${i18n.number(t.score)}</strong></td>
              <td class="num last">${t.lastSolveAt ? i18n.time(t.lastSolveAt) : '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        pages > 1
          ? html`<div class="pager">
            <button class="btn" type="button" ?disabled=${page <= 1} @click=${() => this.page(-1)}>${i18n.t('scoreboard.previous')}</button>
            <span class="tabular">${i18n.t('scoreboard.pageOf', { page, pages })}</span>
            <button class="btn" type="button" ?disabled=${page >= pages} @click=${() => this.page(1)}>${i18n.t('scoreboard.next')}</button>
          </div>`
          : nothing
      }`;
  }

  override render() {
    const { i18n, board } = this;
    return html`
      <h1 tabindex="-1">${i18n.t('scoreboard.title')}</h1>
      ${board?.frozen ? html`<p class="notice warning frozen" role="status">❄ ${i18n.t('scoreboard.frozen')}</p>` : nothing}
      ${this.failed ? html`<p class="notice warning" role="alert">${i18n.t('common.networkError')}</p>` : nothing}
      <section class="surface" aria-labelledby="chart-title">
        <h2 id="chart-title">${i18n.t('scoreboard.chart.title')}</h2>
        <jam-score-chart .history=${this.history} team-id=${this.teamId}></jam-score-chart>
      </section>
      <section class="surface" aria-labelledby="table-title">
        <h2 id="table-title">${i18n.t('scoreboard.ranking')}</h2>
        ${board ? this.renderTable(board) : html`<p class="muted" role="status">${i18n.t('common.loading')}</p>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-scoreboard-view': JamScoreboardView;
  }
}
