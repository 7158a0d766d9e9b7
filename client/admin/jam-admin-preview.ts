import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PublicAnswer } from '../api-types.ts';
import { toPayload } from '../app/answer-model.ts';
import '../app/jam-answer-input.ts';
import type { JamAnswerInput } from '../app/jam-answer-input.ts';
import { playerStyles } from '../app/player.styles.ts';
import { LocalizeController } from '../i18n/index.ts';
import { eventMinute } from '../app/board-model.ts';
import { type ChallengePreview, getPreview, tryPreviewAnswer } from './admin-api.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import { keyLines } from './preview-format.ts';

type PreviewTask = ChallengePreview['tasks'][number];

/**
 * A challenge as players see it, in the console's language, with each task's key, every clue
 * and the debrief beside it. "Try" checks an answer against the key on the server, which
 * records nothing: no attempt, no solve, nothing on the board.
 */
@customElement('jam-admin-preview')
export class JamAdminPreview extends LitElement {
  static override styles = [
    adminSection,
    playerStyles,
    css`
      .state {
        display: flex;
        flex-wrap: wrap;
        gap: var(--jam-space-2);
        margin: var(--jam-space-2) 0 var(--jam-space-3);
      }
      .tasks {
        list-style: none;
        margin: var(--jam-space-4) 0 0;
        padding: 0;
        display: grid;
        gap: var(--jam-space-4);
      }
      .key {
        border-inline-start: 4px solid var(--jam-color-success);
        padding: var(--jam-space-2) var(--jam-space-3);
        background: var(--jam-color-surface-raised);
        margin: var(--jam-space-3) 0;
      }
      .key li {
        /* Spaces inside a key count (an exact flag): show every one. */
        white-space: pre-wrap;
      }
      .key ul,
      .clues {
        margin: var(--jam-space-1) 0 0;
        padding-inline-start: var(--jam-space-5);
      }
      form {
        display: grid;
        gap: var(--jam-space-2);
        margin-top: var(--jam-space-3);
      }
      .result {
        min-height: 1.5em;
        font-weight: var(--jam-font-weight-medium);
      }
      .result.correct {
        color: var(--jam-color-success);
      }
      .result.wrong {
        color: var(--jam-color-danger);
      }
    `,
  ];

  /** The challenge to preview. */
  @property({ attribute: 'challenge-id' }) challengeId = '';

  @state() private results: Record<string, { correct: boolean } | { error: string }> = {};
  private readonly i18n = new LocalizeController(this);

  private readonly preview = new Task(this, {
    task: ([id, lang], { signal }) => getPreview(id, lang, { signal }),
    args: () => [this.challengeId, this.i18n.lang] as const,
    onComplete: () => (this.results = {}),
  });

  private async handleTry(event: SubmitEvent, task: PreviewTask): Promise<void> {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<JamAnswerInput>('jam-answer-input');
    const answer = this.inputAnswer(task);
    const draft = input?.draft();
    if (!draft) return;
    const payload = toPayload(answer, draft);
    if (!payload.ok) {
      this.results = { ...this.results, [task.id]: { error: this.i18n.t(payload.problem) } };
      return;
    }
    try {
      this.results = { ...this.results, [task.id]: await tryPreviewAnswer(this.challengeId, task.id, payload.payload) };
    } catch (error) {
      this.results = { ...this.results, [task.id]: { error: errorText(error) } };
    }
  }

  /** Enter in a field of the answer (inside its shadow root) tries it, as in a plain form. */
  private handleEnter(event: KeyboardEvent): void {
    const field = event.composedPath()[0];
    if (event.key !== 'Enter' || event.isComposing || !(field instanceof HTMLInputElement)) return;
    event.preventDefault();
    (event.currentTarget as HTMLFormElement).requestSubmit();
  }

  /** The control a player would answer with; a lab flag is typed into a text box here. */
  private inputAnswer(task: PreviewTask): PublicAnswer {
    return task.answer.type === 'lab' ? { type: 'text' } : (task.answer as PublicAnswer);
  }

  private renderTask(task: PreviewTask) {
    const { i18n } = this;
    const result = this.results[task.id];
    const limits = [
      task.attempts !== null ? i18n.t('admin.preview.attempts', { attempts: task.attempts }) : '',
      task.wrongPenalty > 0 ? i18n.t('admin.preview.wrongPenalty', { points: task.wrongPenalty }) : '',
    ].filter(Boolean);
    return html`<li class="panel" data-task=${task.id}>
      <h3>${i18n.t('admin.preview.task', { index: task.index, title: task.title })}</h3>
      <p class="small muted tabular">${i18n.t('board.points', { points: task.points })}${limits.map((l) => html` · ${l}`)}</p>
      <div class="prose">${unsafeHTML(task.prompt)}</div>
      <div class="key">
        <strong>${i18n.t('admin.preview.key')}</strong>
        <ul>
          ${keyLines(task.key, i18n.lang, (key, params) => i18n.t(key, params)).map((line) => html`<li class="mono">${line}</li>`)}
        </ul>
      </div>
      <form @submit=${(e: SubmitEvent) => void this.handleTry(e, task)} @keydown=${this.handleEnter}>
        <jam-answer-input .answer=${this.inputAnswer(task)} name="try-${task.id}" label=${i18n.t('admin.preview.answer')}></jam-answer-input>
        <div><button class="btn primary" type="submit">${i18n.t('admin.preview.try')}</button></div>
        <p class="result ${result && 'correct' in result ? (result.correct ? 'correct' : 'wrong') : ''}" role="status">
          ${result === undefined ? '' : 'error' in result ? result.error : i18n.t(result.correct ? 'admin.preview.correct' : 'admin.preview.wrong')}
        </p>
      </form>
      ${
        task.clues.length > 0
          ? html`<ol class="clues">
              ${task.clues.map(
                (clue) => html`<li>
                  <strong>${i18n.t('admin.preview.clue', { index: clue.index, penalty: clue.penalty })}</strong>
                  ${clue.releaseAfterMinutes !== null ? html`<span class="muted"> · ${i18n.t('admin.preview.release', { time: eventMinute(clue.releaseAfterMinutes) })}</span>` : nothing}
                  <div class="prose">${unsafeHTML(clue.text)}</div>
                </li>`,
              )}
            </ol>`
          : nothing
      }
      ${task.debrief ? html`<h4>${i18n.t('admin.preview.debrief')}</h4><div class="prose">${unsafeHTML(task.debrief)}</div>` : nothing}
    </li>`;
  }

  private renderPreview(p: ChallengePreview) {
    const { i18n } = this;
    return html`
      <p class="small">${i18n.t('admin.preview.note')}</p>
      <div class="state">
        <span class="chip">${p.category}</span>
        <span class="chip">${i18n.t(`difficulty.${p.difficulty}`)}</span>
        ${p.state.inPlay ? nothing : html`<span class="chip warning">${i18n.t('admin.preview.notInPlay')}</span>`}
        ${p.state.held ? html`<span class="chip warning">${i18n.t('admin.ch.held')}</span>` : nothing}
        ${p.state.unlock && !p.state.openedAt ? html`<span class="chip">${i18n.t('admin.ch.locked', { rule: ruleText(p.state.unlock, i18n) })}</span>` : nothing}
      </div>
      <!-- Briefing, prompts, clues and debriefs are rendered and sanitised by the server. -->
      ${p.briefing ? html`<div class="prose">${unsafeHTML(p.briefing)}</div>` : html`<p>${p.summary}</p>`}
      <ol class="tasks">
        ${p.tasks.map((task) => this.renderTask(task))}
      </ol>
    `;
  }

  override render() {
    return this.preview.render({
      pending: () => html`<p class="muted" role="status">${this.i18n.t('common.loading')}</p>`,
      complete: (p) => this.renderPreview(p),
      error: (e) => html`<p class="error-box" role="alert">${this.i18n.t('admin.loadError', { message: errorText(e) })}</p>`,
    });
  }
}

/** "after warm-up · at 1:30 into the event", in the console's language. */
export function ruleText(rule: { after?: string[]; atMinute?: number }, i18n: Pick<LocalizeController, 't'>): string {
  return [
    rule.after?.length ? i18n.t('admin.ch.rule.after', { ids: rule.after.join(', ') }) : '',
    rule.atMinute !== undefined ? i18n.t('admin.ch.rule.time', { time: eventMinute(rule.atMinute) }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-preview': JamAdminPreview;
  }
}
