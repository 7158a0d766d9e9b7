import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScoreHistory } from '../api-types.ts';
import { headAt, layoutChart, spreadLabels, stepPath, xOf, type ChartLayout } from '../app/chart-model.ts';
import { LocalizeController } from '../i18n/index.ts';
import { raceStyles } from './jam-screen-race.styles.ts';
import { drawProgress, raceColour } from './race-model.ts';

/** Margins around the plot in rem (the screen's rem scales with the viewport). */
const MARGIN = { top: 4.4, bottom: 5.6, left: 10 };
/** The column for the labels at the line ends, and the gap before it. */
const LABEL_COLUMN = 40;
const LABEL_GAP = 1.6;
/** Vertical pitch of the labels: one line of `--jam-screen-text-md` and a little air. */
const LABEL_PITCH = 3.8;

/**
 * The race after the reveal: the top teams' scores over time as step lines that grow from the
 * start of the event to its end over `drawMs`, each with its name and score riding at the head
 * and resting at the line's end. Nothing is interactive; the element sizes its SVG to the
 * space it is given, so the type stays large at any resolution.
 *
 * The `drawn` attribute appears once the lines have reached the end.
 */
@customElement('jam-screen-race')
export class JamScreenRace extends LitElement {
  static override styles = raceStyles;

  /** The public history after the reveal (`GET /api/scoreboard/history?top=10`); null while loading. */
  @property({ attribute: false }) history: ScoreHistory | null = null;
  /** The event's end; the time axis stops there even when the reveal came much later. */
  @property({ attribute: false }) endsAt: string | null = null;
  /** When the board froze; the frozen stretch is shaded. */
  @property({ attribute: false }) freezeAt: string | null = null;
  /** How long the lines take to grow; 0 draws them at once. */
  @property({ type: Number, attribute: false }) drawMs = 0;

  @state() private size = { width: 0, height: 0, rem: 10 };
  @state() private progress = 0;

  private readonly i18n = new LocalizeController(this);
  private observer: ResizeObserver | undefined;
  private frame = 0;
  private drawStart: number | null = null;
  private layout: ChartLayout | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    cancelAnimationFrame(this.frame);
  }

  protected override firstUpdated(): void {
    const chart = this.renderRoot.querySelector('.chart');
    if (!chart) return;
    this.observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 10;
      this.size = { width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height), rem };
    });
    this.observer.observe(chart);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('history') || changed.has('endsAt') || changed.has('size')) this.layout = this.computeLayout();
  }

  protected override updated(): void {
    // The clock starts once there is something to draw, so a slow fetch does not eat the growth.
    if (this.drawStart === null && this.layout?.hasPoints) {
      this.drawStart = performance.now();
      this.frame = requestAnimationFrame(this.tick);
    }
    this.toggleAttribute('drawn', this.progress >= 1);
  }

  private tick = (): void => {
    this.progress = drawProgress(performance.now() - (this.drawStart ?? 0), this.drawMs);
    if (this.progress < 1) this.frame = requestAnimationFrame(this.tick);
  };

  private computeLayout(): ChartLayout | null {
    const { history, size } = this;
    if (!history || size.width === 0 || size.height === 0) return null;
    const ended = this.endsAt ? Date.parse(this.endsAt) : NaN;
    const until = Math.min(Date.parse(history.until), Number.isNaN(ended) ? Infinity : ended);
    const cut = Number.isFinite(until) ? { ...history, until: new Date(until).toISOString() } : history;
    const { rem } = size;
    return layoutChart(cut, {
      width: size.width,
      height: size.height,
      top: MARGIN.top * rem,
      bottom: MARGIN.bottom * rem,
      left: MARGIN.left * rem,
      right: LABEL_COLUMN * rem,
    });
  }

  private renderAxes(layout: ChartLayout) {
    const { plot } = layout;
    const { rem } = this.size;
    return svg`
      ${layout.yTicks.map(
        (t) => svg`<line class="grid" x1=${plot.x0} x2=${plot.x1} y1=${t.y} y2=${t.y}></line>
          <text class="axis" x=${plot.x0 - 1.2 * rem} y=${t.y} dy="0.35em" text-anchor="end">${this.i18n.number(t.value)}</text>`,
      )}
      ${this.timeTicks(layout).map((t) => svg`<text class="axis" x=${t.x} y=${plot.y0 + 4 * rem} text-anchor=${t.anchor}>${t.label}</text>`)}
    `;
  }

  /** Round times under the axis; a short event gets its start and end times instead. */
  private timeTicks(layout: ChartLayout): Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }> {
    if (layout.xTicks.length >= 2) return layout.xTicks.map((t) => ({ x: t.x, label: this.i18n.time(t.at), anchor: 'middle' }));
    const start = this.i18n.time(layout.span.start);
    const end = this.i18n.time(layout.span.end);
    const first = { x: layout.plot.x0, label: start, anchor: 'start' as const };
    return end === start ? [first] : [first, { x: layout.plot.x1, label: end, anchor: 'end' as const }];
  }

  private renderFreeze(layout: ChartLayout) {
    const at = this.freezeAt ? Date.parse(this.freezeAt) : NaN;
    if (!(at > layout.span.start && at < layout.span.end)) return nothing;
    const { plot } = layout;
    const x = xOf(layout, at);
    return svg`<rect class="frozen" x=${x} y=${plot.y1} width=${plot.x1 - x} height=${plot.y0 - plot.y1}></rect>
      <line class="frozen-edge" x1=${x} x2=${x} y1=${plot.y1} y2=${plot.y0}></line>
      <text class="frozen-label" x=${x + 0.8 * this.size.rem} y=${plot.y1 - 1.2 * this.size.rem}>${this.i18n.t('screen.race.frozen')}</text>`;
  }

  override render() {
    const { history, layout } = this;
    const count = history?.teams.length ?? 0;
    const empty = history !== null && (count === 0 || layout?.hasPoints === false);
    return html`
      <h2>${history ? this.i18n.t('screen.race.title', { count: this.i18n.number(count) }) : nothing}</h2>
      <div class="chart">
        ${empty ? html`<p class="empty">${this.i18n.t('screen.race.empty')}</p>` : layout ? this.renderChart(layout) : nothing}
      </div>
    `;
  }

  private renderChart(layout: ChartLayout) {
    const { plot } = layout;
    const { width, height, rem } = this.size;
    const cursor = plot.x0 + this.progress * (plot.x1 - plot.x0);
    const heads = layout.series.map((s) => headAt(s.steps, cursor));
    const pitch = LABEL_PITCH * rem;
    const labelYs = spreadLabels(
      heads.map((h) => h.y),
      pitch,
      plot.y1 + pitch / 2,
      plot.y0,
    );
    const labelX = cursor + LABEL_GAP * rem;
    const colours = layout.series.map((_, i) => raceColour(i));
    // The leader is drawn last, on top of the others where lines overlap.
    const order = layout.series.map((_, i) => i).reverse();
    return html`
      <svg width=${width} height=${height} role="img" aria-label=${this.i18n.t('screen.race.title', { count: layout.series.length })}>
        ${this.renderFreeze(layout)} ${this.renderAxes(layout)}
        <line class="baseline" x1=${plot.x0} x2=${plot.x1} y1=${plot.y0} y2=${plot.y0}></line>
        ${this.progress < 1 ? svg`<line class="cursor" x1=${cursor} x2=${cursor} y1=${plot.y1} y2=${plot.y0}></line>` : nothing}
        ${order.map((i) => {
          const s = layout.series[i]!;
          const head = heads[i]!;
          const style = `--c: var(${colours[i]!.token})`;
          return svg`<path class="line ${colours[i]!.dashed ? 'dashed' : ''}" data-team=${s.id} style=${style} d=${stepPath(s.steps, cursor)}></path>
            <line class="leader" style=${style} x1=${cursor} y1=${head.y} x2=${labelX} y2=${labelYs[i]!}></line>
            <circle class="head" style=${style} cx=${cursor} cy=${head.y} r=${0.7 * rem}></circle>`;
        })}
      </svg>
      <ol class="labels" style="--label-width: ${LABEL_COLUMN - LABEL_GAP}rem">
        ${layout.series.map(
          (s, i) => html`<li
            class="label"
            style="--c: var(${colours[i]!.token}); transform: translate(${labelX}px, ${labelYs[i]}px) translateY(-50%)"
          >
            <span class="name">${s.name}</span>
            <span class="score">${this.i18n.number(heads[i]!.score)}</span>
          </li>`,
        )}
      </ol>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-race': JamScreenRace;
  }
}
