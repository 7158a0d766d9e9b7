import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import {
  ADMIN_STREAM,
  getChallengeTitles,
  getSubmissions,
  getTeams,
  type AdminChallenge,
  type AdminTeam,
  type Submission,
  type SubmissionFilter,
} from './admin-api.ts';
import { signedOutCheck } from './admin-events.ts';
import { answerText, errorText, flagOwner, matchesFilter } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';

const PAGE = 50;
const MAX_LIVE = 500;

/**
 * The attempt log, newest first: filter by team, challenge and result, or flagged only.
 * New submissions arrive over the stream and are added on top when they match the filter;
 * possible flag sharing (a lab flag of another team) is highlighted.
 */
@customElement('jam-admin-submissions')
export class JamAdminSubmissions extends LitElement {
  static override styles = [
    adminSection,
    css`
      .filters {
        margin-bottom: var(--jam-space-4);
      }
      tr.flagged > td {
        background: var(--jam-color-surface-raised);
      }
      tr.flagged > td:first-child {
        box-shadow: inset 4px 0 0 var(--jam-color-warning);
      }
      tr.fresh > td {
        animation: fresh var(--jam-duration-slow) ease-out;
      }
      @keyframes fresh {
        from {
          background: var(--jam-color-surface-raised);
        }
      }
      .answer {
        max-width: 22rem;
      }
      .flags {
        display: grid;
        gap: var(--jam-space-1);
        justify-items: start;
      }
      .more {
        margin-top: var(--jam-space-3);
        text-align: center;
      }
    `,
  ];

  @state() private filter: SubmissionFilter = {};
  @state() private items: Submission[] = [];
  @state() private nextBefore: number | null = null;
  @state() private loading = true;
  @state() private error = '';
  @state() private teams: AdminTeam[] = [];
  @state() private challenges: AdminChallenge[] = [];
  private fresh = new Set<number>();
  private request = 0;

  private readonly i18n = new LocalizeController(this);
  private readonly stream = new StreamController(
    this,
    { submission: (submission) => this.handleLive(submission) },
    { url: ADMIN_STREAM, onResync: () => void this.load() },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void Promise.all([getTeams(), getChallengeTitles()])
      .then(([teams, challenges]) => {
        this.teams = teams.teams;
        this.challenges = challenges.challenges;
      })
      .catch((error: unknown) => signedOutCheck(this, error));
  }

  private async load(before?: number): Promise<void> {
    const id = ++this.request;
    this.loading = true;
    try {
      const page = await getSubmissions({ ...this.filter, limit: PAGE, ...(before !== undefined && { before }) });
      // A response for an older filter must not land under a newer one.
      if (id !== this.request) return;
      this.items = before === undefined ? page.submissions : [...this.items, ...page.submissions];
      this.nextBefore = page.nextBefore;
      this.error = '';
    } catch (error) {
      if (id !== this.request) return;
      this.error = errorText(error);
      signedOutCheck(this, error);
    } finally {
      if (id === this.request) this.loading = false;
    }
  }

  private handleLive(submission: Submission): void {
    if (!matchesFilter(submission, this.filter) || this.items.some((item) => item.id === submission.id)) return;
    this.fresh.add(submission.id);
    this.items = [submission, ...this.items].slice(0, MAX_LIVE);
  }

  private setFilter(change: Partial<Record<keyof SubmissionFilter, unknown>>): void {
    const next: SubmissionFilter = { ...this.filter };
    for (const [key, value] of Object.entries(change) as Array<[keyof SubmissionFilter, unknown]>) {
      if (value === undefined || value === '') delete next[key];
      else (next as Record<string, unknown>)[key] = value;
    }
    this.filter = next;
    void this.load();
  }

  private taskLabel(submission: Submission): string {
    const challenge = this.challenges.find((c) => c.id === submission.challengeId);
    if (!challenge) return `${submission.challengeId} · ${submission.taskId}`;
    const task = challenge.tasks.find((t) => t.id === submission.taskId);
    return `${localized(challenge.title, this.i18n.lang)} · ${task ? localized(task.title, this.i18n.lang) : submission.taskId}`;
  }

  private renderFilters() {
    const { i18n, filter } = this;
    const result = filter.correct === undefined ? '' : String(filter.correct);
    return html`<form class="form-row filters" aria-label=${i18n.t('admin.subs.filter.label')} @submit=${(e: Event) => e.preventDefault()}>
      <label class="field">
        <span>${i18n.t('admin.subs.filter.team')}</span>
        <select @change=${(e: Event) => this.setFilter({ teamId: Number((e.target as HTMLSelectElement).value) || undefined })}>
          <option value="">${i18n.t('admin.subs.filter.allTeams')}</option>
          ${this.teams.map((t) => html`<option value=${t.id} ?selected=${filter.teamId === t.id}>${t.name}</option>`)}
        </select>
      </label>
      <label class="field">
        <span>${i18n.t('admin.subs.filter.challenge')}</span>
        <select @change=${(e: Event) => this.setFilter({ challengeId: (e.target as HTMLSelectElement).value })}>
          <option value="">${i18n.t('admin.subs.filter.allChallenges')}</option>
          ${this.challenges.map((c) => html`<option value=${c.id} ?selected=${filter.challengeId === c.id}>${localized(c.title, i18n.lang)}</option>`)}
        </select>
      </label>
      <label class="field">
        <span>${i18n.t('admin.subs.filter.result')}</span>
        <select @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          this.setFilter({ correct: value === '' ? undefined : value === 'true' });
        }}>
          <option value="" ?selected=${result === ''}>${i18n.t('admin.subs.filter.any')}</option>
          <option value="true" ?selected=${result === 'true'}>${i18n.t('admin.subs.result.correct')}</option>
          <option value="false" ?selected=${result === 'false'}>${i18n.t('admin.subs.result.wrong')}</option>
        </select>
      </label>
      <label class="choice">
        <input type="checkbox" .checked=${filter.flagged === true} @change=${(e: Event) => this.setFilter({ flagged: (e.target as HTMLInputElement).checked || undefined })} />
        ${i18n.t('admin.subs.filter.flagged')}
      </label>
    </form>`;
  }

  private renderFlags(submission: Submission) {
    if (submission.flags.length === 0) return nothing;
    const { i18n } = this;
    const owner = flagOwner(submission.flags);
    const ownerName = owner === null ? null : (this.teams.find((t) => t.id === owner)?.name ?? `#${owner}`);
    return html`<div class="flags">
      ${submission.flags.includes('sharing') ? html`<span class="chip warning">${i18n.t('admin.subs.flag.sharing')}</span>` : nothing}
      ${ownerName ? html`<span class="small">${i18n.t('admin.subs.flag.owner', { team: ownerName })}</span>` : nothing}
    </div>`;
  }

  private renderRow(s: Submission) {
    const { i18n } = this;
    const fresh = this.fresh.delete(s.id);
    return html`<tr class="${s.flags.includes('sharing') ? 'flagged' : ''} ${fresh ? 'fresh' : ''}" data-submission-id=${s.id}>
      <td class="nowrap tabular"><time datetime=${s.at}>${i18n.time(s.at)}</time></td>
      <td>${s.teamName}</td>
      <td>${s.playerName ?? ''}</td>
      <td>${this.taskLabel(s)}</td>
      <td class="answer mono">${answerText(s.answer)}</td>
      <td>
        <span class="chip ${s.correct ? 'success' : ''}">${i18n.t(s.correct ? 'admin.subs.result.correct' : 'admin.subs.result.wrong')}</span>
        ${s.penalty > 0 ? html`<span class="chip warning" title=${i18n.t('admin.subs.penaltyLabel', { penalty: s.penalty })}>−${i18n.number(s.penalty)}</span>` : nothing}
        ${this.renderFlags(s)}
      </td>
    </tr>`;
  }

  override render() {
    const { i18n } = this;
    return html`
      <div class="section-head">
        <h2>${i18n.t('admin.subs.title')}</h2>
        <span class="small muted">${i18n.t('admin.subs.liveHint')}</span>
      </div>
      ${this.renderFilters()}
      ${this.error ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: this.error })}</p>` : nothing}
      ${
        this.items.length === 0
          ? html`<p class="panel empty">${this.loading ? i18n.t('common.loading') : i18n.t('admin.subs.empty')}</p>`
          : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${i18n.t('admin.subs.col.time')}</th>
                  <th scope="col">${i18n.t('admin.subs.col.team')}</th>
                  <th scope="col">${i18n.t('admin.subs.col.player')}</th>
                  <th scope="col">${i18n.t('admin.subs.col.task')}</th>
                  <th scope="col">${i18n.t('admin.subs.col.answer')}</th>
                  <th scope="col">${i18n.t('admin.subs.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  this.items,
                  (s) => s.id,
                  (s) => this.renderRow(s),
                )}
              </tbody>
            </table>
          </div>`
      }
      ${
        this.nextBefore !== null
          ? html`<div class="more">
            <button class="btn small" type="button" ?disabled=${this.loading} @click=${() => void this.load(this.nextBefore ?? undefined)}>
              ${i18n.t('admin.loadOlder')}
            </button>
          </div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-submissions': JamAdminSubmissions;
  }
}
