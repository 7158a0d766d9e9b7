import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { ADMIN_STREAM, getChallengeTitles, getTeams, type AdminChallenge, type AdminTeam } from './admin-api.ts';
import { signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import './jam-admin-team-detail.ts';
import { DebouncedRefresh } from './debounced-refresh.ts';
import './jam-admin-assign.ts';
import { atLeast, type StaffRole } from './staff-api.ts';

const REFRESH_DEBOUNCE_MS = 800;

/**
 * Teams: rank, members, score, tasks solved, progress per challenge and clues used, live
 * as scores move. "Manage" opens the team's panel (rename, lock the name, move or remove
 * members; the owner also disqualifies and adjusts). Facilitators place players still
 * without a team from here. Support staff only read.
 */
@customElement('jam-admin-teams')
export class JamAdminTeams extends LitElement {
  static override styles = [
    adminSection,
    css`
      /* One small cell per challenge, filled from the bottom: many challenges stay compact. */
      .progress {
        display: flex;
        flex-wrap: wrap;
        gap: 3px;
        max-width: 15rem;
      }
      .bar {
        position: relative;
        width: 0.9rem;
        height: 1.1rem;
        border-radius: 2px;
        background: var(--jam-color-surface-raised);
        border: 1px solid var(--jam-color-border);
        overflow: hidden;
      }
      .bar > span {
        position: absolute;
        inset: auto 0 0 0;
        background: var(--jam-color-accent);
      }
      .bar.done > span {
        background: var(--jam-color-success);
      }
      tr.selected > td {
        background: var(--jam-color-surface-raised);
      }
      tr.out > td {
        color: var(--jam-color-text-muted);
      }
      .name {
        font-weight: var(--jam-font-weight-medium);
      }
      jam-admin-team-detail {
        margin-top: var(--jam-space-4);
      }
    `,
  ];

  /** The signed-in person's role: what this view offers. */
  @property({ attribute: false }) staffRole: StaffRole | null = null;

  @state() private selected: number | null = null;
  @state() private assigning = false;

  private readonly i18n = new LocalizeController(this);
  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [teams, challenges] = await Promise.all([getTeams({ signal }), getChallengeTitles()]);
      return { ...teams, challenges: challenges.challenges };
    },
    args: () => [],
    onError: (error) => signedOutCheck(this, error),
  });
  private readonly refresh = new DebouncedRefresh(this, REFRESH_DEBOUNCE_MS, () => this.data.run());
  // Scores, members and names change through the stream; one refetch covers a burst.
  private readonly stream = new StreamController(
    this,
    { scoreboard: () => this.refresh.schedule(), team: () => this.refresh.schedule() },
    { url: ADMIN_STREAM, onResync: () => this.refresh.schedule() },
  );

  private challengeTitle(challenges: AdminChallenge[], id: string): string {
    const challenge = challenges.find((c) => c.id === id);
    return challenge ? localized(challenge.title, this.i18n.lang) : id;
  }

  private renderRow(team: AdminTeam, totalTasks: number, challenges: AdminChallenge[]) {
    const { i18n } = this;
    return html`<tr class="${team.id === this.selected ? 'selected' : ''} ${team.disqualified ? 'out' : ''}" data-team-id=${team.id}>
      <td class="num">${team.rank ?? '–'}</td>
      <td>
        <div class="name">${team.name}</div>
        <div class="small muted mono">${i18n.t('admin.teams.joinCode', { code: team.joinCode })}</div>
        ${team.disqualified ? html`<span class="chip danger">${i18n.t('admin.teams.disqualified')}</span>` : nothing}
        ${team.nameLocked ? html`<span class="chip">${i18n.t('admin.formation.nameLocked')}</span>` : nothing}
        ${team.goal ? html`<span class="chip">${i18n.t('admin.formation.goalChip', { goal: i18n.t(`admin.formation.goal.${team.goal}`) })}</span>` : nothing}
      </td>
      <td>${team.members.map((m) => m.displayName).join(', ')}</td>
      <td class="num">${i18n.number(team.score)}</td>
      <td class="num">${i18n.number(team.solvedTasks)}/${i18n.number(totalTasks)}</td>
      <td>
        <div class="progress">
          ${team.progress.map((p) => {
            const label = i18n.t('admin.teams.progressLabel', { challenge: this.challengeTitle(challenges, p.challengeId), solved: p.solved, total: p.total });
            return html`<span class="bar ${p.total > 0 && p.solved === p.total ? 'done' : ''}" role="img" aria-label=${label} title=${label}
              ><span style="height: ${p.total ? (100 * p.solved) / p.total : 0}%"></span
            ></span>`;
          })}
        </div>
      </td>
      <td class="num" title=${i18n.t('admin.teams.cluesLabel', { used: team.clues.used, penalty: team.clues.penalty })}>
        ${i18n.number(team.clues.used)} <span class="muted">(−${i18n.number(team.clues.penalty)})</span>
      </td>
      <td class="num" title=${i18n.t('admin.teams.wrongLabel', { count: team.wrong.attempts, penalty: team.wrong.penalty })}>
        ${i18n.number(team.wrong.attempts)} <span class="muted">(−${i18n.number(team.wrong.penalty)})</span>
      </td>
      <td>
        ${
          atLeast(this.staffRole, 'facilitator')
            ? html`<button
              class="btn small"
              type="button"
              aria-label=${i18n.t('admin.teams.manageLabel', { team: team.name })}
              aria-expanded=${team.id === this.selected ? 'true' : 'false'}
              aria-controls="team-detail"
              @click=${() => (this.selected = this.selected === team.id ? null : team.id)}
            >
              ${i18n.t('admin.teams.manage')}
            </button>`
            : nothing
        }
      </td>
    </tr>`;
  }

  private renderTable(data: { teams: AdminTeam[]; totalTasks: number; challenges: AdminChallenge[] }) {
    const { i18n } = this;
    if (data.teams.length === 0) return html`<p class="panel empty">${i18n.t('admin.teams.empty')}</p>`;
    const selected = data.teams.find((team) => team.id === this.selected);
    return html`
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th class="num" scope="col">${i18n.t('admin.teams.rank')}</th>
              <th scope="col">${i18n.t('admin.teams.name')}</th>
              <th scope="col">${i18n.t('admin.teams.members')}</th>
              <th class="num" scope="col">${i18n.t('admin.teams.score')}</th>
              <th class="num" scope="col">${i18n.t('admin.teams.solved')}</th>
              <th scope="col">${i18n.t('admin.teams.progress')}</th>
              <th class="num" scope="col">${i18n.t('admin.teams.cluesUsed')}</th>
              <th class="num" scope="col">${i18n.t('admin.teams.wrong')}</th>
              <th scope="col"><span class="sr-only">${i18n.t('admin.teams.manage')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${data.teams.map((team) => this.renderRow(team, data.totalTasks, data.challenges))}
          </tbody>
        </table>
      </div>
      ${
        selected
          ? html`<jam-admin-team-detail
            id="team-detail"
            .team=${selected}
            .teams=${data.teams}
            .staffRole=${this.staffRole}
            .challenges=${data.challenges}
            @jam-team-changed=${() => void this.data.run()}
            @jam-adjusted=${() => void this.data.run()}
            @jam-close=${() => (this.selected = null)}
          ></jam-admin-team-detail>`
          : nothing
      }
    `;
  }

  override render() {
    const { i18n } = this;
    const value = this.data.value;
    return html`
      <div class="section-head">
        <h2>${i18n.t('admin.teams.title', { count: value?.teams.length ?? 0 })}</h2>
        ${
          atLeast(this.staffRole, 'facilitator')
            ? html`<button class="btn small primary" type="button" @click=${() => (this.assigning = true)}>${i18n.t('admin.formation.assign')}</button>`
            : nothing
        }
        <button class="btn small" type="button" @click=${() => void this.data.run()}>${i18n.t('admin.refresh')}</button>
      </div>
      <jam-admin-assign .open=${this.assigning} @jam-cancel=${() => (this.assigning = false)} @jam-team-changed=${() => void this.data.run()}></jam-admin-assign>
      ${this.data.error && !value ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: errorText(this.data.error) })}</p>` : nothing}
      ${value ? this.renderTable(value) : this.data.error ? nothing : html`<p class="empty">${i18n.t('common.loading')}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-teams': JamAdminTeams;
  }
}
