import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { getScoreboard } from '../api.ts';
import type { ScoreboardTeam } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { ReducedMotionController } from '../motion.ts';
import { base } from '../styles/shared.ts';
import { rowsThatFit } from './screen-state.ts';

const PAGE_MS = 10_000;
const COLUMNS = 3;

/**
 * The teams below the top N, a page at a time, turning every 10 s. Each page is fetched with
 * offset/limit so hundreds of teams cost one small request per page. The page size follows the
 * space left under the ranking.
 */
@customElement('jam-screen-rest')
export class JamScreenRest extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        overflow: hidden;
      }
      .caption {
        flex: none;
        font-size: var(--jam-screen-text-xs);
        color: var(--jam-color-text-muted);
        margin: 0 0 0.8rem;
        font-variant-numeric: tabular-nums;
      }
      .grid {
        flex: 1 1 auto;
        min-height: 0;
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(${COLUMNS}, minmax(0, 1fr));
        grid-template-rows: repeat(var(--rows), 5.2rem);
        grid-auto-flow: column;
        gap: 0.8rem 2.4rem;
        align-content: start;
      }
      .grid.fade {
        animation: fade var(--jam-duration-slow) ease;
      }
      li {
        display: grid;
        grid-template-columns: 6rem minmax(0, 1fr) auto;
        align-items: center;
        gap: 1.6rem;
        padding-inline: 1.6rem 2rem;
        border-radius: var(--jam-radius-md);
        background: var(--jam-color-surface);
        font-size: var(--jam-screen-text-sm);
        font-variant-numeric: tabular-nums;
      }
      .rank {
        color: var(--jam-color-text-muted);
        text-align: center;
      }
      .name {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .score {
        font-weight: var(--jam-font-weight-bold);
      }
      @keyframes fade {
        from {
          opacity: 0;
        }
      }
    `,
  ];

  /** Rank index where this area starts (the number of teams in the ranking above). */
  @property({ type: Number }) offset = 10;
  /** Teams on the board. */
  @property({ type: Number }) total = 0;
  /** Changes whenever the board changes, so the visible page is fetched again. */
  @property({ type: Number }) revision = 0;

  @state() private teams: ScoreboardTeam[] = [];
  @state() private pageStart = 0;
  @state() private pageSize = 0;
  @state() private turned = 0;

  private readonly i18n = new LocalizeController(this);
  private readonly motion = new ReducedMotionController(this);
  private timer: ReturnType<typeof setInterval> | undefined;
  private observer: ResizeObserver | undefined;
  private request = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.turnPage(), PAGE_MS);
    this.observer = new ResizeObserver(() => this.measure());
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.observer?.disconnect();
  }

  private remaining(): number {
    return Math.max(0, this.total - this.offset);
  }

  private measure(): void {
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 10;
    const caption = 3.4 * rem;
    const rows = rowsThatFit(this.clientHeight - caption, 5.2 * rem, 0.8 * rem);
    const size = rows * COLUMNS;
    if (size !== this.pageSize) {
      this.pageSize = size;
      this.pageStart = 0;
      void this.load();
    }
  }

  private turnPage(): void {
    if (this.pageSize === 0 || this.remaining() <= this.pageSize) return;
    const next = this.pageStart + this.pageSize;
    this.pageStart = next >= this.remaining() ? 0 : next;
    this.turned++;
    void this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('total') && this.pageStart >= this.remaining()) this.pageStart = 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('revision') || changed.has('offset') || changed.has('total')) void this.load();
  }

  private async load(): Promise<void> {
    if (this.pageSize === 0 || this.remaining() === 0) {
      this.teams = [];
      return;
    }
    const id = ++this.request;
    try {
      // No cookies, as in jam-screen: the public board even in a facilitator's browser.
      const board = await getScoreboard({ offset: this.offset + this.pageStart, limit: this.pageSize }, { credentials: 'omit' });
      // A slower, older response must not overwrite a newer page.
      if (id === this.request) this.teams = board.teams;
    } catch {
      // Keep showing the last page; the next turn or board change tries again.
    }
  }

  override render() {
    if (this.remaining() === 0 || this.pageSize === 0 || this.teams.length === 0) return nothing;
    const first = this.teams[0]?.rank ?? this.offset + 1;
    const last = this.teams[this.teams.length - 1]?.rank ?? first;
    return html`
      <p class="caption">
        ${this.i18n.t('screen.rest.range', { from: first, to: last, total: this.total })}
      </p>
      ${keyed(
        // A new list per page restarts the fade; board updates within a page do not fade.
        this.turned,
        html`<ol class="grid ${this.motion.reduced ? '' : 'fade'}" style="--rows: ${this.pageSize / COLUMNS}">
          ${this.teams.map(
            (team) => html`
              <li>
                <span class="rank">${this.i18n.number(team.rank)}</span>
                <span class="name">${team.name}</span>
                <span class="score">${this.i18n.number(team.score)}</span>
              </li>
            `,
          )}
        </ol>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-rest': JamScreenRest;
  }
}
