import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getScoreHistory } from '../api.ts';
import type { EventInfo, ScoreboardTeam, ScoreHistory } from '../api-types.ts';
import { ReducedMotionController } from '../motion.ts';
import { base } from '../styles/shared.ts';
import { autoDelayMs, clampStep, DEFAULT_AUTO_SECONDS, FINALE_STEPS, LAST_STEP, placesShown, RACE_STEP, restShown, stepForKey } from './finale-model.ts';
import './jam-screen-podium.ts';
import './jam-screen-race.ts';
import { finaleTiming } from './race-model.ts';

const RACE_TEAMS = 10;
/** The race's lines grow for this long outside the `?cycle=` loop. */
const DRAW_MS = 8000;
/** Public data only, with no cookies, like the rest of the screen. */
const PUBLIC = { credentials: 'omit' } as const;

/**
 * The results after `reveal`, paced by the MC: the title, 3rd, 2nd and 1st place rising one by
 * one, the race of the top ten, then the final podium, which stays still. A key on the screen's
 * computer (`press`) or the console (`step`, the event's `finaleStep`) moves it; nobody
 * pressing anything, it moves on every `auto` seconds. Only `?cycle=` asks for the old loop of
 * final podium and race.
 *
 * The `view` attribute (`podium` or `race`) and `step` attribute say what shows.
 */
@customElement('jam-screen-finale')
export class JamScreenFinale extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      jam-screen-podium,
      jam-screen-race {
        flex: 1 1 auto;
        min-height: 0;
      }
    `,
  ];

  /** The final board in rank order, for the podium. */
  @property({ attribute: false }) teams: ScoreboardTeam[] = [];
  /** The event, for where the time axis ends and where the freeze began. */
  @property({ attribute: false }) event: EventInfo | null = null;
  /** Seconds of each view in the loop after the final step (`?cycle=`); 0: no loop. */
  @property({ type: Number }) cycle = 0;
  /** Seconds per step when nobody paces it (`?auto=`); 0 waits for the MC. */
  @property({ type: Number }) auto = DEFAULT_AUTO_SECONDS;
  /** The step the MC chose in the console (the event's `finaleStep`); null: not driven from there. */
  @property({ attribute: false }) step: number | null = null;
  /** Changes whenever the screen refetched (after a reconnect): the race history is fetched again. */
  @property({ type: Number }) revision = 0;

  @state() private current = 0;
  @state() private history: ScoreHistory | null = null;
  @state() private loopView: 'podium' | 'race' = 'podium';

  private readonly motion = new ReducedMotionController(this);
  /** Someone paced the sequence: the fallback stops moving it. */
  private driven = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.step !== null) {
      this.current = clampStep(this.step);
      this.driven = true;
    }
    void this.loadHistory();
    this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('step') && changed.get('step') !== undefined && this.step !== null) this.go(this.step);
    if (changed.has('revision') && changed.get('revision') !== undefined) void this.loadHistory();
  }

  protected override updated(): void {
    this.setAttribute('view', this.view);
    this.setAttribute('step', FINALE_STEPS[this.current] ?? 'final');
  }

  /** A key pressed on the screen's computer; true when it moved the sequence. */
  press(key: string): boolean {
    const next = stepForKey(key, this.current);
    if (next === null) return false;
    this.go(next);
    return true;
  }

  private go(step: number): void {
    this.driven = true;
    this.loopView = 'podium';
    this.current = clampStep(step);
    if (this.current === RACE_STEP) void this.loadHistory();
    this.schedule();
  }

  private get drawMs(): number {
    if (this.motion.reduced) return 0;
    return this.cycle > 0 ? finaleTiming(this.cycle, false).drawMs : DRAW_MS;
  }

  /** The fallback's next move, or the loop's once the sequence is over (only if asked for). */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.current >= LAST_STEP) {
      if (this.cycle > 0) this.timer = setTimeout(() => this.turnLoop(), this.cycle * 1000);
      return;
    }
    const delay = this.driven ? null : autoDelayMs(this.current, this.auto, this.drawMs);
    if (delay !== null) {
      this.timer = setTimeout(() => {
        this.current = clampStep(this.current + 1);
        if (this.current === RACE_STEP) void this.loadHistory();
        this.schedule();
      }, delay);
    }
  }

  private turnLoop(): void {
    this.loopView = this.loopView === 'podium' && this.hasLines() ? 'race' : 'podium';
    if (this.loopView === 'podium') void this.loadHistory();
    this.schedule();
  }

  private hasLines(): boolean {
    return this.history?.teams.some((team) => team.points.length > 0) ?? false;
  }

  private async loadHistory(): Promise<void> {
    try {
      this.history = await getScoreHistory(RACE_TEAMS, PUBLIC);
    } catch {
      // The server may be away for a moment: the last history still tells the story.
    }
  }

  private get view(): 'podium' | 'race' {
    if (this.current === RACE_STEP) return 'race';
    return this.current >= LAST_STEP ? this.loopView : 'podium';
  }

  override render() {
    if (this.view === 'race') {
      return html`<jam-screen-race
        .history=${this.history}
        .endsAt=${this.event?.endsAt ?? null}
        .freezeAt=${this.event?.freezeAt ?? null}
        .drawMs=${this.drawMs}
      ></jam-screen-race>`;
    }
    // The final podium appears at once: it was just seen rising.
    return html`<jam-screen-podium
      .teams=${this.teams}
      .places=${placesShown(this.current)}
      .rest=${restShown(this.current)}
      .still=${this.current >= LAST_STEP}
    ></jam-screen-podium>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-finale': JamScreenFinale;
  }
}
