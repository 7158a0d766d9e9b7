import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ScoreboardTeam } from '../api-types.ts';
import '../components/jam-count-up.ts';
import { LocalizeController } from '../i18n/index.ts';
import { ReducedMotionController } from '../motion.ts';
import { rankingStyles } from './jam-screen-ranking.styles.ts';

const FLIP_MS = 600;

/**
 * The top-N ranking of the screen: rank badge (gold, silver, bronze for the top three), team
 * name, tasks solved and score. Rows slide to their new places when ranks change (FLIP) and
 * scores count up; neither happens under reduced motion. Rows shrink to fit if the host is
 * shorter than `rows` × 7.2rem.
 *
 * @csspart row - a team's row
 */
@customElement('jam-screen-ranking')
export class JamScreenRanking extends LitElement {
  static override styles = rankingStyles;

  /** Teams in rank order; only the first `rows` are shown. */
  @property({ attribute: false }) teams: ScoreboardTeam[] = [];
  /** Number of row slots (the screen's `?top=`). */
  @property({ type: Number }) rows = 10;
  /** Shown in place of the column headings (the frozen or time's-up notice); null for the headings. */
  @property({ attribute: false }) banner: unknown = null;
  /** Time is up: the banner takes the end's colour. */
  @property({ type: Boolean }) ended = false;
  /** Tasks in play, for `12/40`; without it only the solved count shows. */
  @property({ type: Number, attribute: 'total-tasks' }) totalTasks: number | undefined;

  private readonly i18n = new LocalizeController(this);
  private readonly motion = new ReducedMotionController(this);
  private positionsBefore = new Map<string, number>();
  private readonly running = new Map<string, Animation>();

  private rowElements(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.row[data-id]')];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // First half of FLIP: where every row is now (mid-slide included) before the DOM moves.
    if (!changed.has('teams') || !this.hasUpdated || this.motion.reduced) return;
    this.positionsBefore = new Map(this.rowElements().map((el) => [el.dataset.id ?? '', el.getBoundingClientRect().top]));
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('teams') || this.positionsBefore.size === 0) return;
    const before = this.positionsBefore;
    this.positionsBefore = new Map();
    for (const el of this.rowElements()) {
      const id = el.dataset.id ?? '';
      const was = before.get(id);
      this.running.get(id)?.cancel();
      let animation: Animation;
      if (was === undefined) {
        animation = el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: FLIP_MS, easing: 'ease-out' });
      } else {
        const delta = was - el.getBoundingClientRect().top;
        if (Math.abs(delta) < 1) continue;
        // A team climbing passes over the rows it overtakes, not under them.
        el.style.zIndex = delta > 0 ? '1' : '';
        animation = el.animate([{ transform: `translateY(${delta}px)` }, { transform: 'translateY(0)' }], {
          duration: FLIP_MS,
          easing: 'cubic-bezier(0.2, 0.7, 0.2, 1)',
        });
      }
      this.running.set(id, animation);
      animation.onfinish = () => {
        this.running.delete(id);
        el.style.zIndex = '';
      };
    }
  }

  private badgeClass(rank: number): string {
    return rank === 1 ? 'gold' : rank === 2 ? 'silver' : rank === 3 ? 'bronze' : '';
  }

  override render() {
    const shown = this.teams.slice(0, this.rows);
    return html`
      ${
        this.banner
          ? html`<p class="banner ${this.ended ? 'ended' : ''}" role="status">${this.banner}</p>`
          : html`<div class="head" aria-hidden="true">
            <span>${this.i18n.t('screen.col.rank')}</span>
            <span>${this.i18n.t('screen.col.team')}</span>
            <span class="num">${this.i18n.t('screen.col.solved')}</span>
            <span class="num">${this.i18n.t('screen.col.score')}</span>
          </div>`
      }
      <ol class="list" style="--rows: ${this.rows}">
        ${repeat(
          shown,
          (team) => team.id,
          (team) => html`
            <li class="row ${team.rank <= 3 ? 'medal' : ''}" data-id=${team.id} part="row">
              <span class="badge ${this.badgeClass(team.rank)}">${this.i18n.number(team.rank)}</span>
              <span class="name" title=${team.name}>${team.name}</span>
              <span class="solved">
                ${this.i18n.number(team.solvedTasks)}${this.totalTasks ? html`<span class="of">/${this.i18n.number(this.totalTasks)}</span>` : nothing}
              </span>
              <jam-count-up class="score" .value=${team.score} .duration=${this.motion.reduced ? 0 : 900}></jam-count-up>
            </li>
          `,
        )}
      </ol>
      ${shown.length === 0 ? html`<p class="empty">${this.i18n.t('screen.noTeams')}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-ranking': JamScreenRanking;
  }
}
