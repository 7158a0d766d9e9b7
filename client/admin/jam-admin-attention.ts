import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { ADMIN_STREAM, getChallengeTitles, type AdminChallenge } from './admin-api.ts';
import { signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import { DebouncedRefresh } from './debounced-refresh.ts';
import { getAttention, type AttentionChallenge, type AttentionTeam } from './staff-api.ts';

const REFRESH_DEBOUNCE_MS = 1500;
/** Minutes move on without any event: read again this often. */
const TICK_MS = 30_000;

/**
 * Needs attention, the view a facilitator keeps open: per team, why it may need a visit (support
 * waiting, no progress, long on one challenge, wrong answers, lab resets), most urgent first;
 * per challenge, the solve rate and median time to solve, broken-looking ones first. Live.
 */
@customElement('jam-admin-attention')
export class JamAdminAttention extends LitElement {
  static override styles = [
    adminSection,
    css`
      section + section {
        margin-top: var(--jam-space-6);
      }
      .reasons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--jam-space-1);
      }
      tr.urgent > td:first-child {
        box-shadow: inset 4px 0 0 var(--jam-color-danger);
      }
      tr.visit > td:first-child {
        box-shadow: inset 4px 0 0 var(--jam-color-warning);
      }
      .name {
        font-weight: var(--jam-font-weight-medium);
      }
    `,
  ];

  private readonly i18n = new LocalizeController(this);
  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [attention, challenges] = await Promise.all([getAttention({ signal }), getChallengeTitles()]);
      return { ...attention, titles: challenges.challenges };
    },
    args: () => [],
    onError: (error) => signedOutCheck(this, error),
  });
  private readonly refresh = new DebouncedRefresh(this, REFRESH_DEBOUNCE_MS, () => this.data.run());
  private readonly stream = new StreamController(
    this,
    {
      submission: () => this.refresh.schedule(),
      solve: () => this.refresh.schedule(),
      clue: () => this.refresh.schedule(),
      support: () => this.refresh.schedule(),
      team: () => this.refresh.schedule(),
      restart: () => this.refresh.schedule(),
    },
    { url: ADMIN_STREAM, onResync: () => this.refresh.schedule() },
  );
  private tick: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick = setInterval(() => void this.data.run(), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.tick);
  }

  private challengeTitle(titles: AdminChallenge[], id: string): string {
    const challenge = titles.find((c) => c.id === id);
    return challenge ? localized(challenge.title, this.i18n.lang) : id;
  }

  private renderTeam(team: AttentionTeam, titles: AdminChallenge[]) {
    const { i18n } = this;
    const minutes = (n: number) => i18n.t('admin.attention.minutes', { minutes: n });
    const level = team.reasons.includes('support') ? 'urgent' : team.reasons.length > 0 ? 'visit' : '';
    return html`<tr class=${level} data-team-id=${team.teamId}>
      <td class="name">${team.teamName}</td>
      <td>
        <div class="reasons">
          ${
            team.reasons.length === 0
              ? html`<span class="chip success">${i18n.t('admin.attention.fine')}</span>`
              : team.reasons.map(
                  (reason) => html`<span class="chip ${reason === 'support' ? 'danger' : 'warning'}">${i18n.t(`admin.attention.reason.${reason}`)}</span>`,
                )
          }
        </div>
      </td>
      <td>
        ${
          team.current
            ? i18n.t('admin.attention.onFor', { challenge: this.challengeTitle(titles, team.current.challengeId), minutes: team.current.minutes })
            : html`<span class="muted">${i18n.t('admin.attention.nothing')}</span>`
        }
      </td>
      <td class="num">${minutes(team.minutesSinceProgress)}</td>
      <td class="num">${i18n.number(team.recentWrong)}</td>
      <td class="num">${i18n.number(team.cluesUsed)}</td>
      <td class="num">${i18n.number(team.labResets)}</td>
      <td>
        ${team.supportWaitingMinutes !== null ? html`<div>${i18n.t('admin.attention.supportWaiting', { minutes: team.supportWaitingMinutes })}</div>` : nothing}
        ${team.supportUnread > 0 ? html`<span class="chip danger">${i18n.t('admin.support.unread', { count: team.supportUnread })}</span>` : nothing}
        ${team.supportAssignee ? html`<div class="small muted">${i18n.t('admin.attention.supportWith', { name: team.supportAssignee })}</div>` : nothing}
        ${team.supportWaitingMinutes === null && team.supportUnread === 0 && !team.supportAssignee ? html`<span class="muted">${i18n.t('admin.attention.none')}</span>` : nothing}
      </td>
    </tr>`;
  }

  private renderTeams(teams: AttentionTeam[], titles: AdminChallenge[]) {
    const { i18n } = this;
    if (teams.length === 0) return html`<p class="panel empty">${i18n.t('admin.attention.noTeams')}</p>`;
    return html`<div class="table-wrap">
      <table aria-labelledby="teams-title">
        <thead>
          <tr>
            <th scope="col">${i18n.t('admin.attention.team')}</th>
            <th scope="col">${i18n.t('admin.attention.why')}</th>
            <th scope="col">${i18n.t('admin.attention.on')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.sinceSolve')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.wrong')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.clues')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.labResets')}</th>
            <th scope="col">${i18n.t('admin.attention.support')}</th>
          </tr>
        </thead>
        <tbody>
          ${teams.map((team) => this.renderTeam(team, titles))}
        </tbody>
      </table>
    </div>`;
  }

  private renderChallenges(challenges: AttentionChallenge[], titles: AdminChallenge[]) {
    const { i18n } = this;
    return html`<div class="table-wrap">
      <table aria-labelledby="challenges-title">
        <thead>
          <tr>
            <th scope="col">${i18n.t('admin.attention.challenge')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.started')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.solved')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.solveRate')}</th>
            <th class="num" scope="col">${i18n.t('admin.attention.median')}</th>
            <th class="num" scope="col">${i18n.t('admin.stuck.wrong')}</th>
          </tr>
        </thead>
        <tbody>
          ${challenges.map(
            (c) => html`<tr class=${c.suspect ? 'urgent' : ''} data-challenge-id=${c.challengeId}>
              <td>
                ${this.challengeTitle(titles, c.challengeId)}
                ${c.suspect ? html`<span class="chip danger">${i18n.t('admin.attention.suspect')}</span>` : nothing}
              </td>
              <td class="num">${i18n.number(c.teamsStarted)}</td>
              <td class="num">${i18n.number(c.teamsSolved)}</td>
              <td class="num">${c.solveRate === null ? '–' : `${Math.round(c.solveRate * 100)}%`}</td>
              <td class="num">${c.medianSolveMinutes === null ? '–' : i18n.t('admin.attention.minutes', { minutes: c.medianSolveMinutes })}</td>
              <td class="num">${i18n.number(c.wrongAttempts)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const { i18n } = this;
    const value = this.data.value;
    return html`
      <div class="section-head">
        <h2>${i18n.t('admin.attention.title')}</h2>
        ${value ? html`<span class="small muted">${i18n.t('admin.attention.updated', { time: i18n.time(value.generatedAt) })}</span>` : nothing}
        <button class="btn small" type="button" @click=${() => void this.data.run()}>${i18n.t('admin.refresh')}</button>
      </div>
      <p class="muted" style="margin-bottom: var(--jam-space-4)">${i18n.t('admin.attention.intro')}</p>
      ${this.data.error && !value ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: errorText(this.data.error) })}</p>` : nothing}
      ${
        value
          ? html`<section>
              <h3 id="teams-title">${i18n.t('admin.attention.teams')}</h3>
              ${this.renderTeams(value.teams, value.titles)}
            </section>
            <section>
              <h3 id="challenges-title">${i18n.t('admin.attention.challenges')}</h3>
              ${this.renderChallenges(value.challenges, value.titles)}
            </section>`
          : this.data.error
            ? nothing
            : html`<p class="empty">${i18n.t('common.loading')}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-attention': JamAdminAttention;
  }
}
