import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScoreboardTeam } from '../api-types.ts';
import type { MessageKey } from '../i18n/index.ts';
import { LocalizeController } from '../i18n/index.ts';
import { ReducedMotionController } from '../motion.ts';
import { podiumStyles } from './jam-screen-podium.styles.ts';

const PLACE_KEYS: Record<1 | 2 | 3, MessageKey> = {
  1: 'screen.podium.place1',
  2: 'screen.podium.place2',
  3: 'screen.podium.place3',
};

/**
 * The podium after `reveal`. The MC's sequence decides how many places show (`places`: 3rd,
 * then 2nd, then 1st, each rising as it appears) and when the rest of the top ten is listed
 * (`rest`). A place not shown yet keeps its empty step, so nothing moves when it arrives.
 * `still`, and reduced motion, show everything without rising.
 *
 * @csspart place - a podium step
 */
@customElement('jam-screen-podium')
export class JamScreenPodium extends LitElement {
  static override styles = podiumStyles;

  /** The final board in rank order; the first ten are used. */
  @property({ attribute: false }) teams: ScoreboardTeam[] = [];
  /** How many places show, from 3rd up: 0 (none yet) to 3. */
  @property({ type: Number }) places = 3;
  /** List the rest of the top ten below the podium. */
  @property({ type: Boolean }) rest = true;
  /** No rising: everything shown appears at once. */
  @property({ type: Boolean }) still = false;

  private readonly i18n = new LocalizeController(this);
  private readonly motion = new ReducedMotionController(this);

  private renderPlace(team: ScoreboardTeam | undefined, place: 1 | 2 | 3) {
    if (!team) return html`<div class="place empty p${place}"></div>`;
    // Places appear from 3rd up: with `places` 1 only 3rd shows.
    if (place < 4 - this.places) {
      return html`<div class="place waiting p${place}" part="place">
        <div class="who"></div>
        <div class="step"><span class="medal">${this.i18n.t(PLACE_KEYS[place])}</span></div>
      </div>`;
    }
    return html`
      <div class="place p${place}" part="place">
        <div class="who">
          <span class="name" title=${team.name}>${team.name}</span>
          <span class="score">${this.i18n.t('screen.podium.points', { points: team.score })}</span>
          <span class="solved">${this.i18n.t('screen.podium.solved', { solved: team.solvedTasks })}</span>
        </div>
        <div class="step"><span class="medal">${this.i18n.t(PLACE_KEYS[place])}</span></div>
      </div>
    `;
  }

  override render() {
    // Tied teams share a rank, so places follow list order, not `rank`.
    const [first, second, third, ...rest] = this.teams.slice(0, 10);
    return html`
      <div class="stage ${this.motion.reduced || this.still ? 'still' : ''}">
        <h2>
          ${this.i18n.t('screen.podium.title')}
          ${this.i18n.secondLang ? html`<span class="second" lang=${this.i18n.secondLang}>${this.i18n.second('screen.podium.title')}</span>` : nothing}
        </h2>
        <div class="podium">
          ${this.renderPlace(second, 2)} ${this.renderPlace(first, 1)} ${this.renderPlace(third, 3)}
        </div>
        ${
          rest.length && this.rest
            ? html`<ol class="rest">
              ${rest.map(
                (team) => html`<li>
                  <span class="rank">${this.i18n.number(team.rank)}</span>
                  <span class="rest-name">${team.name}</span>
                  <span class="rest-score">${this.i18n.number(team.score)}</span>
                </li>`,
              )}
            </ol>`
            : nothing
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-podium': JamScreenPodium;
  }
}
