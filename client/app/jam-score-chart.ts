import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScoreHistory } from '../api-types.ts';
import { formatTime, LocalizeController } from '../i18n/index.ts';
import { base, srOnly } from '../styles/shared.ts';
import { layoutChart, type ChartBox } from './chart-model.ts';

const BOX: ChartBox = { width: 960, height: 360, top: 16, right: 24, bottom: 36, left: 56 };
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

  override render() {
    const h = this.history;
    const { i18n } = this;
    if (!h || h.teams.length === 0) return html`<p class="muted">${i18n.t('scoreboard.chart.empty')}</p>`;
    const layout = layoutChart(h, BOX);
    if (!layout.hasPoints) return html`<p class="muted">${i18n.t('scoreboard.chart.empty')}</p>`;
    const { plot } = layout;
    return html`
      <svg viewBox="0 0 ${BOX.width} ${BOX.height}" role="img" aria-labelledby="chart-desc">
        <desc id="chart-desc">${i18n.t('scoreboard.chart.desc', { count: h.teams.length })}</desc>
        ${layout.yTicks.map(
          (t) => svg`<line class="grid" x1=${plot.x0} x2=${plot.x1} y1=${t.y} y2=${t.y}></line>
            <text class="axis" x=${plot.x0 - 8} y=${t.y + 4} text-anchor="end">${i18n.number(t.value)}</text>`,
        )}
        ${layout.xTicks.map((t) => svg`<text class="axis" x=${t.x} y=${plot.y0 + 22} text-anchor="middle">${formatTime(t.at)}</text>`)}
        ${layout.series
          .map((s, i) => ({ s, i }))
          // The reader's team is drawn last, on top of the rest.
          .sort((a, b) => Number(a.s.id === this.teamId) - Number(b.s.id === this.teamId))
          .map(
            ({ s, i }) => svg`<path
              class="line ${s.id === this.teamId ? 'mine' : ''}"
              d=${s.d}
              stroke=${STROKES[i]?.colour ?? 'currentColor'}
              stroke-dasharray=${STROKES[i]?.dash || nothing}
            ></path>`,
          )}
      </svg>
      <ul class="legend" aria-hidden="true">
        ${layout.series.map(
          (s, i) => html`<li class=${s.id === this.teamId ? 'mine' : ''}>
            <span class="swatch ${STROKES[i]?.dash ? 'dashed' : ''}" style="border-top-color:${STROKES[i]?.colour}"></span>
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
