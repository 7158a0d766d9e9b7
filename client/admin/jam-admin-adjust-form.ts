import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { adjustScore, type AdminTeam } from './admin-api.ts';
import { notify, notifyError } from './admin-events.ts';
import { wholeNumber } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import './jam-confirm.ts';

/**
 * Adjusts a team's score by a number of points with a required reason, after a confirmation
 * that repeats the team, the points and the reason. With `team-id` set the team is fixed
 * (the team panel); otherwise a team is chosen from `teams`.
 *
 * @fires jam-adjusted - the adjustment was recorded (`detail.teamId`)
 * @fires jam-admin-notice - done, or the server's error
 */
@customElement('jam-admin-adjust-form')
export class JamAdminAdjustForm extends LitElement {
  static override styles = [
    adminSection,
    css`
      .hints {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--jam-space-2);
      }
    `,
  ];

  /** Teams to choose from. */
  @property({ attribute: false }) teams: AdminTeam[] = [];
  /** A fixed team; null to choose one. */
  @property({ type: Number, attribute: 'team-id' }) teamId: number | null = null;

  @state() private chosen = '';
  @state() private points = '';
  @state() private reason = '';
  @state() private problem = '';
  @state() private confirming = false;
  @state() private busy = false;
  @state() private error = '';

  private readonly i18n = new LocalizeController(this);

  private target(): AdminTeam | undefined {
    const id = this.teamId ?? (this.chosen ? Number(this.chosen) : NaN);
    return this.teams.find((team) => team.id === id);
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const { i18n } = this;
    if (!this.target()) return void (this.problem = i18n.t('admin.adj.teamRequired'));
    const points = wholeNumber(this.points, -100_000, 100_000);
    if (points === null || points === 0) return void (this.problem = i18n.t('admin.adj.invalidPoints'));
    if (!this.reason.trim()) return void (this.problem = i18n.t('admin.teams.reasonRequired'));
    this.problem = '';
    this.error = '';
    this.confirming = true;
  }

  private async handleConfirm(): Promise<void> {
    const team = this.target();
    const points = wholeNumber(this.points, -100_000, 100_000);
    if (!team || points === null) return;
    this.busy = true;
    try {
      await adjustScore(team.id, points, this.reason.trim());
      notify(this, this.i18n.t('admin.adj.done', { team: team.name, points: points > 0 ? `+${points}` : String(points) }));
      this.confirming = false;
      this.points = '';
      this.reason = '';
      this.dispatchEvent(new CustomEvent('jam-adjusted', { detail: { teamId: team.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private confirmBody(): string[] {
    const team = this.target();
    const points = wholeNumber(this.points, -100_000, 100_000) ?? 0;
    if (!team) return [];
    const key = points >= 0 ? 'admin.adj.confirm.bodyAdd' : 'admin.adj.confirm.bodyRemove';
    return [this.i18n.t(key, { team: team.name, points: Math.abs(points), reason: this.reason.trim() })];
  }

  override render() {
    const { i18n } = this;
    const team = this.target();
    return html`
      <form class="stack" @submit=${this.handleSubmit} novalidate>
        <div class="form-row">
          ${
            this.teamId === null
              ? html`<label class="field">
                <span>${i18n.t('admin.adj.team')}</span>
                <select name="team" .value=${this.chosen} @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
                  <option value="">${i18n.t('admin.adj.chooseTeam')}</option>
                  ${this.teams.map((t) => html`<option value=${t.id} ?selected=${String(t.id) === this.chosen}>${t.name}</option>`)}
                </select>
              </label>`
              : nothing
          }
          <label class="field">
            <span>${i18n.t('admin.adj.points')}</span>
            <input
              name="points"
              type="number"
              step="1"
              inputmode="numeric"
              .value=${this.points}
              aria-describedby="points-hint"
              @input=${(e: Event) => (this.points = (e.target as HTMLInputElement).value)}
            />
          </label>
          <label class="field" style="flex: 1 1 16rem">
            <span>${i18n.t('admin.adj.reason')}</span>
            <input name="reason" maxlength="500" required .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} />
          </label>
          <button class="btn primary" type="submit">${i18n.t('admin.adj.submit')}</button>
        </div>
        <p class="small muted hints" id="points-hint"><span>${i18n.t('admin.adj.pointsHint')}</span><span>${i18n.t('admin.adj.reasonHint')}</span></p>
        ${this.problem ? html`<p class="error-text" role="alert">${this.problem}</p>` : nothing}
      </form>
      <jam-confirm
        .open=${this.confirming}
        .label=${team ? i18n.t('admin.adj.confirm.title', { team: team.name }) : ''}
        .paragraphs=${this.confirming ? this.confirmBody() : []}
        .confirmLabel=${i18n.t('admin.adj.submit')}
        .busy=${this.busy}
        .error=${this.error}
        @jam-confirm=${this.handleConfirm}
        @jam-cancel=${() => (this.confirming = false)}
      ></jam-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-adjust-form': JamAdminAdjustForm;
  }
  interface GlobalEventHandlersEventMap {
    'jam-adjusted': CustomEvent<{ teamId: number }>;
  }
}
