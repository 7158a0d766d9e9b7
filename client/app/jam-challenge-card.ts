import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ChallengeSummary } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, focusRing, srOnly } from '../styles/shared.ts';
import { isSolved, lockReasons } from './board-model.ts';
import { playerStyles } from './player.styles.ts';
import { routePath } from './router.ts';

/** A padlock drawn with the text colour (an emoji may be missing from the reader's fonts). */
const LOCK_ICON = html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor"/><path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>`;

/**
 * One challenge on the board: category colour strip, difficulty, points, progress
 * (`2/4 tasks`), a check mark once solved, and a locked state that says why: the challenges
 * to solve first, the time into the event when it opens.
 *
 * @csspart card - the card
 */
@customElement('jam-challenge-card')
export class JamChallengeCard extends LitElement {
  static override styles = [
    base,
    focusRing,
    srOnly,
    playerStyles,
    css`
      :host {
        display: block;
      }
      .card {
        position: relative;
        display: flex;
        flex-direction: column;
        gap: var(--jam-space-2);
        height: 100%;
        padding: var(--jam-space-4) var(--jam-space-4) var(--jam-space-4) calc(var(--jam-space-4) + 6px);
        background: var(--jam-color-surface);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-lg);
        color: var(--jam-color-text);
        text-decoration: none;
        overflow: hidden;
        transition: border-color var(--jam-duration-fast) ease, transform var(--jam-duration-fast) ease;
      }
      .card::before {
        content: '';
        position: absolute;
        inset-block: 0;
        inset-inline-start: 0;
        width: 6px;
        background: var(--strip);
      }
      a.card:hover {
        border-color: var(--jam-color-accent);
      }
      .card.solved {
        border-color: var(--jam-color-success);
      }
      .card.locked {
        color: var(--jam-color-text-muted);
        background: var(--jam-color-surface-raised);
      }
      .top {
        display: flex;
        align-items: center;
        gap: var(--jam-space-2);
        justify-content: space-between;
      }
      h3 {
        font-size: var(--jam-font-size-lg);
        overflow-wrap: anywhere;
      }
      .check {
        flex: none;
        display: inline-grid;
        place-items: center;
        width: 1.75rem;
        height: 1.75rem;
        border-radius: 50%;
        background: var(--jam-color-success);
        color: var(--jam-color-surface);
        font-weight: var(--jam-font-weight-bold);
      }
      .summary {
        margin: 0;
        color: var(--jam-color-text-muted);
        font-size: var(--jam-font-size-sm);
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .meta {
        display: flex;
        align-items: center;
        gap: var(--jam-space-3);
        margin-top: auto;
        font-size: var(--jam-font-size-sm);
      }
      .points {
        margin-inline-start: auto;
        font-weight: var(--jam-font-weight-medium);
      }
      .bar {
        height: 0.375rem;
        border-radius: var(--jam-radius-pill);
        background: var(--jam-color-surface-raised);
        border: 1px solid var(--jam-color-border);
        overflow: hidden;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--jam-color-success);
      }
      .lock {
        font-size: var(--jam-font-size-sm);
        margin: 0;
        display: flex;
        align-items: flex-start;
        gap: var(--jam-space-2);
        color: var(--jam-color-text);
        font-weight: var(--jam-font-weight-medium);
      }
      .lock svg {
        flex: none;
        width: 1rem;
        height: 1rem;
        margin-top: 0.1rem;
      }
      .reasons {
        display: grid;
        gap: var(--jam-space-1);
      }

    `,
  ];

  /** The challenge from `GET /api/challenges`. */
  @property({ attribute: false }) challenge: ChallengeSummary | null = null;
  /** Category colour index (1–8) for the strip. */
  @property({ type: Number }) colour = 1;

  private readonly i18n = new LocalizeController(this);

  override render() {
    const c = this.challenge;
    if (!c) return nothing;
    const { i18n } = this;
    const solved = isSolved(c);
    const ratio = c.totalTasks > 0 ? c.solvedTasks / c.totalTasks : 0;
    const body = html`
      <div class="top">
        <span class="badge ${c.difficulty}">${i18n.t(`difficulty.${c.difficulty}`)}</span>
        ${solved ? html`<span class="check" role="img" aria-label=${i18n.t('board.solved')}>✓</span>` : nothing}
      </div>
      <h3>${c.title}</h3>
      ${c.summary ? html`<p class="summary">${c.summary}</p>` : nothing}
      ${
        c.locked
          ? html`<p class="lock">
              ${LOCK_ICON}<span class="sr-only">${i18n.t('board.lockedLabel')}</span>
              <span class="reasons">
                ${lockReasons(c.lock, i18n.t('board.lock.joiner')).map((r) => html`<span class="reason">${i18n.t(r.key, r.values)}</span>`)}
              </span>
            </p>`
          : nothing
      }
      <div class="meta">
        <span class="tabular">${i18n.t('board.progress', { solved: c.solvedTasks, total: c.totalTasks })}</span>
        <span class="points tabular">${i18n.t('board.points', { points: c.points })}</span>
      </div>
      <div class="bar" aria-hidden="true"><span style="width:${Math.round(ratio * 100)}%"></span></div>
    `;
    const style = `--strip: var(--jam-color-category-${this.colour})`;
    if (c.locked) return html`<div class="card locked" part="card" data-locked style=${style}>${body}</div>`;
    return html`<a class="card ${solved ? 'solved' : ''}" part="card" style=${style} href=${routePath({ name: 'challenge', id: c.id })}>${body}</a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-challenge-card': JamChallengeCard;
  }
}
