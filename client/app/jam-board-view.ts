import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChallengeSummary, Difficulty, EventState } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, fields, focusRing } from '../styles/shared.ts';
import {
  applyFilters,
  categoriesOf,
  categoryColour,
  DIFFICULTIES,
  filtersQuery,
  groupByCategory,
  NO_FILTERS,
  nextOpeningDelay,
  parseFilters,
  type BoardFilters,
} from './board-model.ts';
import { categoryLabel } from './categories.ts';
import { requestRefresh } from './events.ts';
import './jam-challenge-card.ts';
import { playerStyles } from './player.styles.ts';

/**
 * The challenge board: cards in a responsive grid grouped by category, with filters by
 * category, difficulty and unsolved (kept in the URL query, so Back returns to them).
 */
@customElement('jam-board-view')
export class JamBoardView extends LitElement {
  static override styles = [
    base,
    buttons,
    fields,
    focusRing,
    playerStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--jam-space-4);
        margin-bottom: var(--jam-space-5);
      }
      h1 {
        font-size: var(--jam-font-size-2xl);
        margin-inline-end: auto;
      }
      fieldset {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--jam-space-3);
        border: 0;
        margin: 0;
        padding: 0;
      }
      legend {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      .field span {
        font-size: var(--jam-font-size-sm);
      }
      .check {
        display: inline-flex;
        align-items: center;
        gap: var(--jam-space-2);
        min-height: 2.5rem;
        font-weight: var(--jam-font-weight-medium);
      }
      .check input {
        min-height: auto;
        width: 1.1rem;
        height: 1.1rem;
      }
      section + section {
        margin-top: var(--jam-space-6);
      }
      h2 {
        display: flex;
        align-items: center;
        gap: var(--jam-space-2);
        font-size: var(--jam-font-size-lg);
        margin-bottom: var(--jam-space-3);
      }
      h2::before {
        content: '';
        width: 0.75rem;
        height: 0.75rem;
        border-radius: 3px;
        background: var(--strip);
      }
      h2 .count {
        font-size: var(--jam-font-size-sm);
        font-weight: var(--jam-font-weight-normal);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: var(--jam-space-4);
        list-style: none;
        margin: 0;
        padding: 0;
      }
    `,
  ];

  /** Challenges from `GET /api/challenges`; null while loading. */
  @property({ attribute: false }) challenges: ChallengeSummary[] | null = null;

  /** The list could not be loaded. */
  @property({ type: Boolean }) failed = false;

  /** The event's state: time locks come due only while it runs. */
  @property() eventState: EventState = 'running';

  @state() private filters: BoardFilters = parseFilters(location.search);
  @query('h1') private heading!: HTMLElement | null;
  private readonly i18n = new LocalizeController(this);

  private openingTimer: ReturnType<typeof setTimeout> | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('challenges') || changed.has('eventState')) this.scheduleOpening();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.openingTimer);
  }

  /** A card locked until a time into the event opens by itself: the board asks again then. */
  private scheduleOpening(): void {
    clearTimeout(this.openingTimer);
    const delay = this.eventState === 'running' && this.challenges ? nextOpeningDelay(this.challenges) : null;
    if (delay !== null) this.openingTimer = setTimeout(() => requestRefresh(this, 'challenges'), delay);
  }

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  private setFilters(filters: BoardFilters): void {
    this.filters = filters;
    history.replaceState(history.state, '', `${location.pathname}${filtersQuery(filters)}`);
  }

  private handleCategory(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.setFilters({ ...this.filters, category: value || null });
  }

  private handleDifficulty(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as Difficulty | '';
    this.setFilters({ ...this.filters, difficulty: value || null });
  }

  private renderFilters(all: ChallengeSummary[]) {
    const { i18n, filters } = this;
    const active = filters.category !== null || filters.difficulty !== null || filters.unsolved;
    return html`
      <fieldset>
        <legend>${i18n.t('board.filter.label')}</legend>
        <label class="field">
          <span>${i18n.t('board.filter.category')}</span>
          <select @change=${this.handleCategory}>
            <option value="" ?selected=${filters.category === null}>${i18n.t('board.filter.all')}</option>
            ${categoriesOf(all).map((c) => html`<option value=${c} ?selected=${filters.category === c}>${categoryLabel(c, i18n.lang)}</option>`)}
          </select>
        </label>
        <label class="field">
          <span>${i18n.t('board.filter.difficulty')}</span>
          <select @change=${this.handleDifficulty}>
            <option value="" ?selected=${filters.difficulty === null}>${i18n.t('board.filter.all')}</option>
            ${DIFFICULTIES.map((d) => html`<option value=${d} ?selected=${filters.difficulty === d}>${i18n.t(`difficulty.${d}`)}</option>`)}
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            .checked=${filters.unsolved}
            @change=${(e: Event) => this.setFilters({ ...filters, unsolved: (e.target as HTMLInputElement).checked })}
          />
          ${i18n.t('board.filter.unsolved')}
        </label>
        ${active ? html`<button class="btn ghost" type="button" @click=${() => this.setFilters(NO_FILTERS)}>${i18n.t('board.filter.clear')}</button>` : nothing}
      </fieldset>
    `;
  }

  override render() {
    const { i18n } = this;
    const all = this.challenges;
    const head = html`<div class="head">
      <h1 tabindex="-1">${i18n.t('board.title')}</h1>
      ${all && all.length > 0 ? this.renderFilters(all) : nothing}
    </div>`;
    if (!all && this.failed) {
      return html`${head}<p class="notice warning" role="alert">${i18n.t('common.networkError')}</p>
        <p><button class="btn" type="button" @click=${() => requestRefresh(this, 'challenges')}>${i18n.t('common.retry')}</button></p>`;
    }
    if (!all) return html`${head}<p class="muted" role="status">${i18n.t('common.loading')}</p>`;
    if (all.length === 0) return html`${head}<p class="notice">${i18n.t('board.empty')}</p>`;
    const categories = categoriesOf(all);
    const groups = groupByCategory(applyFilters(all, this.filters));
    return html`
      ${head}
      ${groups.length === 0 ? html`<p class="notice" role="status">${i18n.t('board.filter.empty')}</p>` : nothing}
      ${repeat(
        groups,
        (g) => g.category,
        (g, index) => {
          const colour = categoryColour(g.category, categories);
          const solved = g.challenges.filter((c) => c.totalTasks > 0 && c.solvedTasks >= c.totalTasks).length;
          return html`<section aria-labelledby="cat-${index}" style="--strip: var(--jam-color-category-${colour})">
            <h2 id="cat-${index}">
              ${categoryLabel(g.category, i18n.lang)}
              <span class="count muted tabular">${i18n.t('board.categoryCount', { solved, total: g.challenges.length })}</span>
            </h2>
            <ul class="grid">
              ${repeat(
                g.challenges,
                (c) => c.id,
                (c) => html`<li><jam-challenge-card .challenge=${c} colour=${colour}></jam-challenge-card></li>`,
              )}
            </ul>
          </section>`;
        },
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-board-view': JamBoardView;
  }
}
