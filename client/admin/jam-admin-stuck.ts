import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { ADMIN_STREAM, getChallengeTitles, getClueUsage, type AdminChallenge, type ClueUsage } from './admin-api.ts';
import { signedOutCheck } from './admin-events.ts';
import { errorText, sortByStuck } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import { DebouncedRefresh } from './debounced-refresh.ts';

const REFRESH_DEBOUNCE_MS = 2000;

/**
 * Where teams are stuck: per task in play, the solve rate among teams that tried, wrong
 * answers and clue unlocks; lowest solve rate first. Refreshes as submissions come in.
 */
@customElement('jam-admin-stuck')
export class JamAdminStuck extends LitElement {
  static override styles = [
    adminSection,
    css`
      .rate {
        display: grid;
        grid-template-columns: 6rem auto;
        align-items: center;
        gap: var(--jam-space-2);
        white-space: nowrap;
      }
      .meter {
        height: 0.6rem;
        border-radius: var(--jam-radius-pill);
        background: var(--jam-color-surface-raised);
        border: 1px solid var(--jam-color-border);
        overflow: hidden;
      }
      .meter > span {
        display: block;
        height: 100%;
        background: var(--jam-color-accent);
      }
      .meter.low > span {
        background: var(--jam-color-danger);
      }
      .clues {
        display: flex;
        flex-wrap: wrap;
        gap: var(--jam-space-1);
      }
    `,
  ];

  private readonly i18n = new LocalizeController(this);
  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [usage, challenges] = await Promise.all([getClueUsage({ signal }), getChallengeTitles()]);
      return { tasks: sortByStuck(usage.tasks), challenges: challenges.challenges };
    },
    args: () => [],
    onError: (error) => signedOutCheck(this, error),
  });
  private readonly refresh = new DebouncedRefresh(this, REFRESH_DEBOUNCE_MS, () => this.data.run());
  private readonly stream = new StreamController(
    this,
    { submission: () => this.refresh.schedule(), clue: () => this.refresh.schedule() },
    { url: ADMIN_STREAM, onResync: () => this.refresh.schedule() },
  );

  /** Titles in the console's language (the report itself carries English ones). */
  private titles(task: ClueUsage, challenges: AdminChallenge[]): [string, string] {
    const challenge = challenges.find((c) => c.id === task.challengeId);
    const t = challenge?.tasks.find((x) => x.id === task.taskId);
    return [challenge ? localized(challenge.title, this.i18n.lang) : task.challengeTitle, t ? localized(t.title, this.i18n.lang) : task.taskTitle];
  }

  private renderRow(task: ClueUsage, challenges: AdminChallenge[]) {
    const { i18n } = this;
    const [challengeTitle, taskTitle] = this.titles(task, challenges);
    const rate = task.solveRate;
    return html`<tr>
      <td>
        <div>${taskTitle}</div>
        <div class="small muted">${challengeTitle}</div>
      </td>
      <td>
        ${
          rate === null
            ? html`<span class="muted">${i18n.t('admin.stuck.notTried')}</span>`
            : html`<div class="rate">
              <span class="meter ${rate < 0.34 ? 'low' : ''}" aria-hidden="true"><span style="width: ${rate * 100}%"></span></span>
              <span class="tabular">${Math.round(rate * 100)}% · ${i18n.t('admin.stuck.teamsSolved', { solved: task.solved, teams: task.teamsAttempted })}</span>
            </div>`
        }
      </td>
      <td class="num">${i18n.number(task.wrongAttempts)}</td>
      <td>
        <div class="clues">
          ${task.clues.map((c) => html`<span class="chip ${c.unlocks > 0 ? 'warning' : ''}">${i18n.t('admin.stuck.clueUsage', { index: c.index, count: c.unlocks })}</span>`)}
        </div>
      </td>
      <td class="num">${task.averageAward === null ? '–' : `${i18n.number(task.averageAward)} / ${i18n.number(task.points)}`}</td>
    </tr>`;
  }

  private renderTable(tasks: ClueUsage[], challenges: AdminChallenge[]) {
    const { i18n } = this;
    if (tasks.length === 0) return html`<p class="panel empty">${i18n.t('admin.stuck.empty')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${i18n.t('admin.stuck.task')}</th>
            <th scope="col">${i18n.t('admin.stuck.solveRate')}</th>
            <th class="num" scope="col">${i18n.t('admin.stuck.wrong')}</th>
            <th scope="col">${i18n.t('admin.stuck.clues')}</th>
            <th class="num" scope="col">${i18n.t('admin.stuck.averageAward')}</th>
          </tr>
        </thead>
        <tbody>
          ${tasks.map((task) => this.renderRow(task, challenges))}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const { i18n } = this;
    const value = this.data.value;
    return html`
      <div class="section-head">
        <h2>${i18n.t('admin.stuck.title')}</h2>
        <button class="btn small" type="button" @click=${() => void this.data.run()}>${i18n.t('admin.refresh')}</button>
      </div>
      <p class="muted" style="margin-bottom: var(--jam-space-4)">${i18n.t('admin.stuck.intro')}</p>
      ${this.data.error && !value ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: errorText(this.data.error) })}</p>` : nothing}
      ${value ? this.renderTable(value.tasks, value.challenges) : this.data.error ? nothing : html`<p class="empty">${i18n.t('common.loading')}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-stuck': JamAdminStuck;
  }
}
