import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getScoreHistory } from '../api.ts';
import type { EventInfo, ScoreboardTeam, ScoreHistory } from '../api-types.ts';
import { ReducedMotionController } from '../motion.ts';
import { base } from '../styles/shared.ts';
import './jam-screen-podium.ts';
import './jam-screen-race.ts';
import { DEFAULT_CYCLE_SECONDS, finaleAt, finaleTiming, type FinaleView } from './race-model.ts';

const RACE_TEAMS = 10;
/** Public data only, with no cookies, like the rest of the screen. */
const PUBLIC = { credentials: 'omit' } as const;

/**
 * What the screen shows after `reveal`, forever and with no one at the controls: the podium
 * (3rd, 2nd, 1st rising in turn) and the race of the top ten, taking turns every `cycle`
 * seconds. The history is fetched each time the podium comes round, so the next race is ready
 * when it starts and a failed fetch keeps the last one; with nothing to draw, the podium stays.
 *
 * The `view` attribute (`podium` or `race`) tells the screen when to give the race its full width.
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
  /** Seconds each view shows (`?cycle=`). */
  @property({ type: Number }) cycle = DEFAULT_CYCLE_SECONDS;

  @state() private view: FinaleView = 'podium';
  @state() private history: ScoreHistory | null = null;

  private readonly motion = new ReducedMotionController(this);
  private since = 0;
  private round = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.since = performance.now();
    this.round = -1;
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('cycle') && changed.get('cycle') !== undefined) this.follow();
    this.setAttribute('view', this.view);
  }

  private get timing() {
    return finaleTiming(this.cycle, this.motion.reduced);
  }

  /** Shows the view due now and sleeps until the next turn. */
  private follow(): void {
    clearTimeout(this.timer);
    const moment = finaleAt(performance.now() - this.since, this.timing);
    if (moment.round !== this.round) {
      this.round = moment.round;
      if (moment.view === 'podium') void this.loadHistory();
      this.view = moment.view === 'race' && this.hasLines() ? 'race' : 'podium';
    }
    this.timer = setTimeout(() => this.follow(), moment.nextInMs + 20);
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

  override render() {
    if (this.view === 'race') {
      return html`<jam-screen-race
        .history=${this.history}
        .endsAt=${this.event?.endsAt ?? null}
        .freezeAt=${this.event?.freezeAt ?? null}
        .drawMs=${this.timing.drawMs}
      ></jam-screen-race>`;
    }
    return html`<jam-screen-podium .teams=${this.teams}></jam-screen-podium>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-finale': JamScreenFinale;
  }
}
