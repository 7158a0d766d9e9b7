import { css, html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScoreHistory } from '../api-types.ts';
import { formatTime, LocalizeController } from '../i18n/index.ts';
import { base, srOnly } from '../styles/shared.ts';
import { assignColours, layoutChart, type ChartBox } from './chart-model.ts';

const BOX: ChartBox = { width: 960, height: 360, top: 16, right: 24, bottom: 36, left: 56 };
/** On a phone the same drawing would scale its labels down to 5 px: a narrower box keeps them legible. */
const NARROW_BOX: ChartBox = { width: 440, height: 300, top: 16, right: 16, bottom: 36, left: 48 };
const NARROW_PX = 560;
/** Ten series: eight category colours, then two of them again dashed. */
const STROKES = Array.from({ length: 10 }, (_, i) => ({ colour: `var(--jam-color-category-${(i % 8) + 1})`, dash: i >= 8 ? '8 5' : '' }));

/**
 * Score over time for the top teams as a hand-drawn SVG step chart with a legend. The SVG is
 * one labelled image; a table with every team's score changes follows for screen readers
 * and keyboard users (inside a disclosure for sighted ones).
 */
@customElement('jam-score-chart')
export class JamScoreChart extends LitElement {
  static override styles = [
    base,
    srOnly,
    css`
      :host {
        display: block;
      }
      svg {
        width: 100%;
        height: auto;
        display: block;
        font-family: var(--jam-font-family);
      }
      .grid {
        stroke: var(--jam-color-border);
        stroke-width: 1;
      }
      .axis {
        fill: var(--jam-color-text-muted);
        font-size: 12px;
        font-variant-numeric: tabular-nums;
      }
      .line {
        fill: none;
        stroke-width: 2.5;
        stroke-linejoin: round;
      }
      .line.mine {
        stroke-width: 4.5;
      }
      .legend {
        list-style: none;
        margin: var(--jam-space-3) 0 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--jam-space-2) var(--jam-space-4);
        font-size: var(--jam-font-size-sm);
      }
      .legend li {
        display: inline-flex;
        align-items: center;
        gap: var(--jam-space-2);
      }
      .legend li.mine {
        font-weight: var(--jam-font-weight-bold);
      }
      .swatch {
        width: 1.25rem;
        height: 0;
        border-top: 3px solid;
      }
      .swatch.dashed {
        border-top-style: dashed;
      }
      details {
        margin-top: var(--jam-space-3);
        font-size: var(--jam-font-size-sm);
      }
      table {
        border-collapse: collapse;
        margin-top: var(--jam-space-2);
      }
      th,
      td {
        text-align: start;
        padding: var(--jam-space-1) var(--jam-space-3);
        border-bottom: 1px solid var(--jam-color-border);
        vertical-align: top;
      }
      td {
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @property({ attribute: false }) history: ScoreHistory | null = null;
  /** The reader's team, drawn thicker. */
  @property({ type: Number, attribute: 'team-id' }) teamId = 0;

  private readonly i18n = new LocalizeController(this);
  /** Palette index by team id: a team keeps its colour when it changes places. */
  private colours = new Map<number, number>();
  @state() private narrow = false;
  private readonly observer = new ResizeObserver(([entry]) => {
    if (entry) this.narrow = entry.contentRect.width < NARROW_PX;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // New teams take colours in id order, not rank order, so even a fresh page colours a team as before.
    if (changed.has('history')) {
      const ids = (this.history?.teams.map((t) => t.id) ?? []).toSorted((a, b) => a - b);
      this.colours = assignColours(this.colours, ids, STROKES.length);
    }
  }

  private stroke(id: number) {
    return STROKES[this.colours.get(id) ?? 0] ?? STROKES[0]!;
  }

  override render() {
    const h = this.history;
    const { i18n } = this;
    if (!h || h.teams.length === 0) return html`<p class="muted">${i18n.t('scoreboard.chart.empty')}</p>`;
    const box = this.narrow ? NARROW_BOX : BOX;
    const layout = layoutChart(h, box);
    if (!layout.hasPoints) return html`<p class="muted">${i18n.t('scoreboard.chart.empty')}</p>`;
    const { plot } = layout;
    return html`
      <svg viewBox="0 0 ${box.width} ${box.height}" role="img" aria-labelledby="chart-desc">
        <desc id="chart-desc">${i18n.t('scoreboard.chart.desc', { count: h.teams.length })}</desc>
        ${layout.yTicks.map(
          (t) => svg`<line class="grid" x1=${plot.x0} x2=${plot.x1} y1=${t.y} y2=${t.y}></line>
            <text class="axis" x=${plot.x0 - 8} y=${t.y + 4} text-anchor="end">${i18n.number(t.value)}</text>`,
        )}
        ${layout.xTicks.map((t) => svg`<text class="axis" x=${t.x} y=${plot.y0 + 22} text-anchor="middle">${formatTime(t.at)}</text>`)}
        ${layout.series
          // The reader's team is drawn last, on top of the rest.
          .toSorted((a, b) => Number(a.id === this.teamId) - Number(b.id === this.teamId))
          .map(
            (s) => svg`<path
              class="line ${s.id === this.teamId ? 'mine' : ''}"
              data-team=${s.id}
              d=${s.d}
              stroke=${this.stroke(s.id).colour}
              stroke-dasharray=${this.stroke(s.id).dash || nothing}
            ></path>`,
          )}
      </svg>
      <ul class="legend" aria-hidden="true">
        ${layout.series.map(
          (s) => html`<li class=${s.id === this.teamId ? 'mine' : ''}>
            <span class="swatch ${this.stroke(s.id).dash ? 'dashed' : ''}" style="border-top-color:${this.stroke(s.id).colour}"></span>
            ${i18n.number(s.rank)}. ${s.name}
          </li>`,
        )}
      </ul>
      <details>
        <summary>${i18n.t('scoreboard.chart.table')}</summary>
        <table>
          <caption class="sr-only">${i18n.t('scoreboard.chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">${i18n.t('scoreboard.team')}</th>
              <th scope="col">${i18n.t('scoreboard.chart.changes')}</th>
            </tr>
          </thead>
          <tbody>
            ${h.teams.map(
              (team) => html`<tr>
                <th scope="row">${team.name}</th>
                <td>${team.points.map(([at, score]) => `${formatTime(at)} ${i18n.number(score)}`).join(' · ') || '—'}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </details>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-score-chart': JamScoreChart;
  }
}
