import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, checkTask, submitAttempt, unlockClue } from '../api.ts';
import type { CheckResult, EventState, TaskView } from '../api-types.ts';
import '../components/jam-dialog.ts';
import { LocalizeController, type MessageKey, type Params } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { base, buttons, fields, focusRing, srOnly } from '../styles/shared.ts';
import { secondsLeft, toPayload } from './answer-model.ts';
import { announce, markOwnAttempt, requestRefresh } from './events.ts';
import { ClueReleaseClock } from './clue-release-clock.ts';
import { renderBreakdown, renderCluePrice, renderClosed, renderRelease, renderReleaseNote, renderRules } from './task-card-parts.ts';
import { wrongFeedback } from './task-rules.ts';
import './jam-answer-input.ts';
import type { JamAnswerInput } from './jam-answer-input.ts';
import { playerStyles } from './player.styles.ts';
import { PLAYER_STREAM } from './stream.ts';
import { taskCardStyles } from './task-card.styles.ts';

/** `seq` makes every result a new element: a second "not quite" is seen arriving, not just left standing. */
type Feedback =
  | { kind: 'none' }
  | { kind: 'message'; key: MessageKey; tone: 'calm' | 'warning' | 'success'; seq: number; params?: Params }
  | { kind: 'rate'; since: number; seconds: number };

/** Messages that are about the server being away: they go once the stream is back. */
const CONNECTION_KEYS: readonly MessageKey[] = ['common.networkError'];

/**
 * One task of a challenge: "possible · clue penalty · available", the task's fair-play rules
 * (attempts left, the price of a wrong answer), the prompt, the answer input for its type with
 * Submit, the clue buttons (each confirmed with its penalty, and "free in 12 min" when a clue
 * is released by time), and the result: a calm note when wrong, a countdown when
 * rate-limited, a closed state once the team used its attempts, green with the award's
 * breakdown and the debrief once solved. Prompt, clue texts and debrief arrive as HTML
 * rendered by the server.
 */
@customElement('jam-task-card')
export class JamTaskCard extends LitElement {
  static override styles = [base, buttons, fields, focusRing, srOnly, playerStyles, taskCardStyles];

  /** The challenge the task belongs to. */
  @property({ attribute: 'challenge-id' }) challengeId = '';
  /** The task from `GET /api/challenges/:id`. */
  @property({ attribute: false }) task: TaskView | null = null;
  /** 1-based position in the challenge. */
  @property({ type: Number }) position = 1;
  /** Answers and clues are accepted only while the event runs. */
  @property() eventState: EventState = 'running';
  /** The event's penalty rule, for the clue confirmation's wording. */
  @property() penaltyMode: 'on-solve' | 'immediate' = 'on-solve';

  @state() private busy = false;
  @state() private feedback: Feedback = { kind: 'none' };
  @state() private confirmClue: number | null = null;
  @state() private clueError: MessageKey | null = null;
  @state() private now = Date.now();
  /** The last "Check my progress" answer of a check task. */
  @state() private progress: CheckResult['progress'] | null = null;
  @query('jam-answer-input') private input!: JamAnswerInput | null;
  /** Wrong answers since the card opened, to number the next "not quite". */
  private misses = 0;
  private seq = 0;
  private scrollToFeedback = false;
  private focusClue: number | null = null;
  /** The form this player used is about to turn into the result: focus follows it. */
  private focusResult = false;
  /** Whether focus was in this card when the player sent an answer: the busy Submit button drops it meanwhile. */
  private sentFromHere = false;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly releases = new ClueReleaseClock(this, () => requestRefresh(this, 'challenge'));
  private readonly i18n = new LocalizeController(this);
  constructor() {
    super();
    // A "cannot reach the server" goes away by itself once the stream is back.
    new StreamController(this, {}, { url: PLAYER_STREAM, onResync: () => this.clearConnectionFeedback() });
    // A new answer makes the last result stale: "not quite" must not sit under a corrected answer.
    this.addEventListener('jam-answer-change', () => this.clearMessage());
  }

  private clearMessage(): void {
    if (this.feedback.kind === 'message') this.feedback = { kind: 'none' };
  }

  private clearConnectionFeedback(): void {
    if (this.feedback.kind === 'message' && CONNECTION_KEYS.includes(this.feedback.key)) this.feedback = { kind: 'none' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.handleOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.handleOnline);
    clearInterval(this.ticker);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.releases.follow(this.task, this.eventState, changed.has('task'));
  }

  private handleOnline = (): void => this.clearConnectionFeedback();

  protected override updated(changed: PropertyValues<this>): void {
    if (this.scrollToFeedback) {
      this.scrollToFeedback = false;
      // On a phone the result would land below the fold, under the keyboard.
      this.renderRoot.querySelector('.result, .feedback:not([data-kind="none"])')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
    if (this.focusClue !== null) {
      const clue = this.renderRoot.querySelector<HTMLElement>(`#clue-${this.focusClue}`);
      if (clue) {
        clue.focus();
        this.focusClue = null;
      }
    }
    if (changed.has('task') && this.task?.solved && this.feedback.kind === 'rate') this.stopCountdown();
    if (this.focusResult && (this.task?.solved || this.task?.closed)) {
      this.focusResult = false;
      this.renderRoot.querySelector<HTMLElement>('.result, .closed-note')?.focus();
    }
  }

  private get waitLeft(): number {
    return this.feedback.kind === 'rate' ? secondsLeft(this.feedback.since, this.feedback.seconds, this.now) : 0;
  }

  private startCountdown(seconds: number): void {
    this.feedback = { kind: 'rate', since: Date.now(), seconds };
    this.now = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => {
      this.now = Date.now();
      if (this.waitLeft === 0) {
        this.stopCountdown();
        this.feedback = { kind: 'message', key: 'feedback.canRetry', tone: 'calm', seq: ++this.seq };
        announce(this, this.i18n.t('feedback.canRetry'));
      }
    }, 1000);
  }

  private stopCountdown(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    if (this.feedback.kind === 'rate') this.feedback = { kind: 'none' };
  }

  private show(key: MessageKey, tone: 'calm' | 'warning' | 'success', params?: Params): void {
    this.feedback = params === undefined ? { kind: 'message', key, tone, seq: ++this.seq } : { kind: 'message', key, tone, seq: ++this.seq, params };
    this.scrollToFeedback = true;
    announce(this, this.i18n.t(key, params));
  }

  /**
   * A wrong answer or failed check: its attempts left when the task has a limit, else how many
   * misses so far (a second "not quite" must not look like the first); the card's counts are
   * asked for again when the task has rules.
   */
  private showWrong(task: TaskView, attemptsLeft: number | undefined, otherwise: MessageKey): void {
    this.misses++;
    const line = wrongFeedback(attemptsLeft, task.answer.type === 'check');
    if (line) this.show(line.key, 'calm', line.params as Record<string, number>);
    else if (otherwise === 'feedback.wrong' && this.misses > 1) this.show('feedback.wrongAgain', 'calm', { count: this.misses });
    else this.show(otherwise, 'calm');
    // The last attempt closes the task: the form goes, so focus follows to the closed note.
    if (attemptsLeft === 0) this.focusResult = this.sentFromHere;
    if (task.rules.attempts !== null || task.rules.wrongPenalty > 0) requestRefresh(this, 'challenge');
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const task = this.task;
    if (task?.answer.type === 'check') return this.runCheck(task);
    const draft = this.input?.draft();
    if (!task || !draft || this.busy || this.waitLeft > 0) return;
    const result = toPayload(task.answer, draft);
    if (!result.ok) return this.show(result.problem, 'warning', result.params);
    this.sentFromHere = this.matches(':focus-within');
    this.busy = true;
    markOwnAttempt(this.challengeId, task.id);
    try {
      const outcome = await submitAttempt(this.challengeId, task.id, result.payload);
      if (outcome.correct && outcome.alreadySolved) this.show('feedback.alreadySolved', 'success');
      else if (outcome.correct) this.show('feedback.correct', 'success', { points: outcome.awarded });
      else this.showWrong(task, outcome.attemptsLeft, 'feedback.wrong');
      if (outcome.correct) {
        this.input?.forget();
        this.focusResult = this.sentFromHere;
        this.scrollToFeedback = true;
        requestRefresh(this, 'challenge');
      }
    } catch (error) {
      this.handleError(error);
    } finally {
      this.busy = false;
    }
  }

  /** "Check my progress": scored like an attempt; the lab's state decides. */
  private async runCheck(task: TaskView): Promise<void> {
    if (this.busy || this.waitLeft > 0) return;
    this.sentFromHere = this.matches(':focus-within');
    this.busy = true;
    markOwnAttempt(this.challengeId, task.id);
    try {
      const outcome = await checkTask(this.challengeId, task.id);
      this.progress = outcome.progress;
      if (outcome.correct && outcome.alreadySolved) this.show('feedback.alreadySolved', 'success');
      else if (outcome.correct) this.show('feedback.correct', 'success', { points: outcome.awarded });
      else this.showWrong(task, outcome.attemptsLeft, 'feedback.checkIncomplete');
      if (outcome.correct) {
        this.focusResult = this.sentFromHere;
        requestRefresh(this, 'challenge');
      }
    } catch (error) {
      this.handleError(error);
    } finally {
      this.busy = false;
    }
  }

  private handleError(error: unknown): void {
    if (error instanceof ApiError && error.status === 429) {
      const seconds = error.retryAfter ?? 60;
      this.startCountdown(seconds);
      // Like every other result: under a long lab panel on a phone it would sit below the fold.
      this.scrollToFeedback = true;
      announce(this, this.i18n.t('feedback.rateLimited', { seconds }));
    } else if (error instanceof ApiError && error.code === 'attempts_exhausted') {
      // A teammate used the last attempt meanwhile: the card turns to its closed state.
      this.show('feedback.exhausted', 'warning');
      this.focusResult = this.sentFromHere;
      requestRefresh(this, 'challenge');
    } else if (error instanceof ApiError && error.code === 'event_not_running') this.show('feedback.notRunning', 'warning');
    else if (error instanceof ApiError && error.code === 'invalid_input') this.show('feedback.invalid', 'warning');
    else if (error instanceof ApiError && error.status === 0) this.show('common.networkError', 'warning');
    else this.show('common.error', 'warning');
  }

  private async handleUnlock(): Promise<void> {
    const index = this.confirmClue;
    const task = this.task;
    if (index === null || !task) return;
    this.busy = true;
    this.clueError = null;
    try {
      await unlockClue(this.challengeId, task.id, index);
      this.focusClue = index;
      this.confirmClue = null;
      // "Please enter a number" was about the answer before the clue; the clue is the news now.
      this.clearMessage();
      announce(this, this.i18n.t('clue.unlocked', { index }));
      requestRefresh(this, 'challenge');
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      this.clueError = code === 'event_not_running' ? 'feedback.notRunning' : code === 'clue_locked' ? 'clue.lockedError' : 'common.error';
    } finally {
      this.busy = false;
    }
  }

  private renderFeedback() {
    const f = this.feedback;
    let content: unknown = nothing;
    let tone = 'calm';
    if (f.kind === 'rate') {
      content = this.i18n.t('feedback.rateLimited', { seconds: this.waitLeft });
      tone = 'warning';
    } else if (f.kind === 'message') {
      content = this.i18n.t(f.key, f.params);
      tone = f.tone;
    }
    // The text changes every second while rate-limited: the live region already said it once.
    const key = f.kind === 'message' ? f.seq : f.kind;
    return keyed(
      key,
      html`<p class="feedback notice ${tone === 'calm' ? '' : tone}" data-kind=${f.kind} data-seq=${f.kind === 'message' ? f.seq : 0}>${content}</p>`,
    );
  }

  private renderClueButtons(task: TaskView, accepting: boolean) {
    const { i18n } = this;
    const firstLocked = task.clues.find((c) => !c.unlocked);
    return task.clues
      .filter((c) => !c.unlocked)
      .map((clue) => {
        const blocked = clue !== firstLocked;
        return html`<button
            class="btn"
            type="button"
            aria-describedby=${clue.releaseInMs !== null && accepting ? `free-in-${clue.index}` : nothing}
            ?disabled=${!accepting || blocked || this.busy}
            @click=${() => ((this.clueError = null), (this.confirmClue = clue.index))}
          >
            ${i18n.t('clue.button', { index: clue.index, penalty: clue.penalty })}
          </button>
          ${renderRelease(i18n, clue, this.releases.fetchedAt, this.releases.now, this.eventState)}
          ${
            blocked && clue.index === (firstLocked?.index ?? 0) + 1
              ? html`<span class="clue-note">${i18n.t('clue.lockedAfter', { index: clue.index, previous: clue.index - 1 })}</span>`
              : nothing
          }`;
      });
  }

  private renderDialog(task: TaskView) {
    const { i18n } = this;
    const clue = task.clues.find((c) => c.index === this.confirmClue);
    const penalty = clue?.penalty ?? 0;
    return html`<jam-dialog
      .open=${clue !== undefined}
      label=${i18n.t('clue.confirm.title', { index: clue?.index ?? 0, penalty })}
      @jam-request-close=${() => (this.confirmClue = null)}
    >
      <p>
        ${
          this.penaltyMode === 'immediate'
            ? i18n.t('clue.confirm.bodyImmediate', { penalty })
            : i18n.t('clue.confirm.body', { penalty, available: Math.max(0, task.available - penalty) })
        }
      </p>
      ${clue ? renderReleaseNote(i18n, clue, this.releases.fetchedAt, this.releases.now, this.eventState) : nothing}
      ${this.clueError ? html`<p class="error-text" role="alert">${i18n.t(this.clueError)}</p>` : nothing}
      <button slot="footer" class="btn" type="button" @click=${() => (this.confirmClue = null)}>${i18n.t('common.cancel')}</button>
      <button slot="footer" class="btn primary" type="button" autofocus ?disabled=${this.busy} @click=${this.handleUnlock}>
        ${i18n.t('clue.confirm.action')} (−${i18n.number(penalty)})
      </button>
    </jam-dialog>`;
  }

  override render() {
    const task = this.task;
    if (!task) return nothing;
    const { i18n } = this;
    const accepting = this.eventState === 'running';
    const headingId = `task-${task.id}`;
    const unlocked = task.clues.filter((c) => c.unlocked);
    return html`
      <article class=${task.solved ? 'solved' : ''} aria-labelledby=${headingId}>
        <header>
          <div class="title-row">
            <h2 id=${headingId}>${i18n.t('challenge.taskHeading', { index: this.position, title: task.title })}</h2>
            ${task.solved ? html`<span class="badge solved">✓ ${i18n.t('board.solved')}</span>` : nothing}
            ${task.closed ? html`<span class="badge closed">${i18n.t('rules.closedBadge')}</span>` : nothing}
          </div>
          <p class="points tabular">
            ${i18n.t('challenge.pointsLine', { possible: task.points, penalty: task.penalty, available: task.available })}
          </p>
          ${renderRules(i18n, task, this.penaltyMode)}
        </header>
        <!-- Server-rendered by markdown-it with raw HTML disabled: safe to insert as markup. -->
        <div class="prose">${unsafeHTML(task.prompt)}</div>
        ${
          unlocked.length > 0
            ? html`<div class="clues">
              ${unlocked.map(
                (c) => html`<section class="clue" id="clue-${c.index}" tabindex="-1" aria-labelledby="clue-h-${c.index}">
                  <h3 id="clue-h-${c.index}">${i18n.t('clue.heading', { index: c.index })} ${renderCluePrice(i18n, c)}</h3>
                  <div class="prose">${unsafeHTML(c.text ?? '')}</div>
                </section>`,
              )}
            </div>`
            : nothing
        }
        ${task.solved ? this.renderSolved(task) : task.closed ? renderClosed(i18n, task) : this.renderForm(task, accepting)}
      </article>
      ${task.solved || task.closed ? nothing : this.renderDialog(task)}
    `;
  }

  private renderSolved(task: TaskView) {
    const { i18n } = this;
    return html`<div class="result" role="group" tabindex="-1" aria-label=${i18n.t('board.solved')}>
      <strong>${i18n.t('challenge.solved', { points: task.awarded ?? 0 })}</strong>
      ${renderBreakdown(i18n, task)}
      ${
        task.debrief
          ? html`<section>
            <h3>${i18n.t('challenge.debrief')}</h3>
            <div class="prose">${unsafeHTML(task.debrief)}</div>
          </section>`
          : nothing
      }
    </div>`;
  }

  private renderForm(task: TaskView, accepting: boolean) {
    const { i18n } = this;
    const waiting = this.waitLeft > 0;
    const check = task.answer.type === 'check';
    const label = check
      ? this.busy
        ? i18n.t('lab.checking')
        : i18n.t('lab.check')
      : this.busy && this.confirmClue === null
        ? i18n.t('challenge.submitting')
        : i18n.t('challenge.submit');
    return html`<form @submit=${this.handleSubmit} novalidate>
      <jam-answer-input
        .answer=${task.answer}
        name=${task.id}
        challenge-id=${this.challengeId}
        label=${task.title}
        draft-key="answer:${this.challengeId}/${task.id}"
        ?disabled=${!accepting}
      ></jam-answer-input>
      <div class="actions">
        <button class="btn primary" type="submit" ?disabled=${!accepting || this.busy || waiting}>${label}</button>
        <span class="spacer"></span>
        ${this.renderClueButtons(task, accepting)}
      </div>
      ${this.renderFeedback()} ${check ? this.renderProgress() : nothing}
    </form>`;
  }

  private renderProgress() {
    if (!this.progress) return nothing;
    const { i18n } = this;
    return html`<section class="progress" aria-label=${i18n.t('lab.progress')}>
      <h3>${i18n.t('lab.progress')}</h3>
      <ul>
        ${this.progress.map(
          (item) => html`<li class=${item.done ? 'done' : 'missing'}>
            <span aria-hidden="true">${item.done ? '✓' : '○'}</span>
            <span class="sr-only">${item.done ? i18n.t('lab.progress.done') : i18n.t('lab.progress.missing')}:</span>
            ${item.label}
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-task-card': JamTaskCard;
  }
}
