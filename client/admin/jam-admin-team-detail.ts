import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, LocalizeController } from '../i18n/index.ts';
import { removeMember, renameTeam, setDisqualified, type AdminChallenge, type AdminTeam } from './admin-api.ts';
import { atLeast, lockTeamName, movePlayer, type StaffRole } from './staff-api.ts';
import { notify, notifyError } from './admin-events.ts';
import { adminSection } from './admin.styles.ts';
import './jam-admin-adjust-form.ts';
import './jam-confirm.ts';

type Pending = { kind: 'remove'; playerId: number; name: string } | { kind: 'disqualify' } | { kind: 'reinstate' };

/**
 * One team's panel: progress per challenge, rename, remove a member, disqualify or reinstate
 * (with a reason), and score adjustments. Each change that affects play is confirmed first.
 *
 * @fires jam-team-changed - the team was changed; the list should reload
 * @fires jam-close - the panel's close button
 * @fires jam-admin-notice - done, or the server's error
 */
@customElement('jam-admin-team-detail')
export class JamAdminTeamDetail extends LitElement {
  static override styles = [
    adminSection,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: var(--jam-space-5);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--jam-space-2);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--jam-space-3);
      }
      .move {
        display: inline-flex;
        gap: var(--jam-space-2);
        margin-inline-start: auto;
      }
      .move select {
        height: 2rem;
        max-width: 12rem;
      }
      .progress li {
        font-variant-numeric: tabular-nums;
      }
      .block + .block,
      form + .block {
        margin-top: var(--jam-space-5);
      }
    `,
  ];

  /** The team, as listed by `GET /api/admin/teams`. */
  @property({ attribute: false }) team!: AdminTeam;
  /** Challenges, for their titles. */
  @property({ attribute: false }) challenges: AdminChallenge[] = [];
  /** Every team, as places to move a member to. */
  @property({ attribute: false }) teams: AdminTeam[] = [];
  /** The signed-in person's role: disqualifying and adjusting are the owner's. */
  @property({ attribute: false }) staffRole: StaffRole | null = null;

  @state() private name = '';
  @state() private pending: Pending | null = null;
  @state() private reason = '';
  @state() private busy = false;
  @state() private error = '';
  /** The team chosen as each member's move target, by player id. */
  @state() private moveTargets = new Map<number, string>();
  private editedFor: number | null = null;

  private readonly i18n = new LocalizeController(this);

  protected override willUpdate(): void {
    // A new team in the panel starts from its current name.
    if (this.editedFor !== this.team.id) {
      this.editedFor = this.team.id;
      this.name = this.team.name;
    }
  }

  private changed(message: string): void {
    notify(this, message);
    this.dispatchEvent(new CustomEvent('jam-team-changed', { bubbles: true, composed: true }));
  }

  private async handleRename(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    try {
      const { team } = await renameTeam(this.team.id, this.name);
      this.changed(this.i18n.t('admin.teams.renamed', { team: team.name }));
    } catch (error) {
      notifyError(this, error);
    }
  }

  private async handleLock(): Promise<void> {
    const locked = !this.team.nameLocked;
    try {
      await lockTeamName(this.team.id, locked);
      this.changed(this.i18n.t(locked ? 'admin.formation.locked' : 'admin.formation.unlocked', { team: this.team.name }));
    } catch (error) {
      notifyError(this, error);
    }
  }

  private async handleMove(playerId: number, name: string): Promise<void> {
    const target = this.teams.find((t) => String(t.id) === (this.moveTargets.get(playerId) ?? ''));
    if (!target) return;
    try {
      await movePlayer(playerId, target.id);
      this.changed(this.i18n.t('admin.formation.moved', { name, team: target.name }));
    } catch (error) {
      notifyError(this, error);
    }
  }

  private renderMove(playerId: number, name: string) {
    const { i18n } = this;
    const others = this.teams.filter((t) => t.id !== this.team.id && !t.disqualified);
    if (others.length === 0) return nothing;
    const chosen = this.moveTargets.get(playerId) ?? '';
    return html`<span class="move">
      <select
        aria-label=${i18n.t('admin.formation.moveLabel', { name })}
        .value=${chosen}
        @change=${(e: Event) => (this.moveTargets = new Map(this.moveTargets).set(playerId, (e.target as HTMLSelectElement).value))}
      >
        <option value="" ?selected=${chosen === ''}>${i18n.t('admin.formation.moveTo')}</option>
        ${others.map((t) => html`<option value=${t.id} ?selected=${String(t.id) === chosen}>${t.name}</option>`)}
      </select>
      <button class="btn small" type="button" ?disabled=${chosen === ''} @click=${() => void this.handleMove(playerId, name)}>${i18n.t('admin.formation.move')}</button>
    </span>`;
  }

  private open(pending: Pending): void {
    this.pending = pending;
    this.reason = '';
    this.error = '';
  }

  private async handleConfirm(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    const { i18n, team } = this;
    if (pending.kind === 'disqualify' && !this.reason.trim()) return void (this.error = i18n.t('admin.teams.reasonRequired'));
    this.busy = true;
    this.error = '';
    try {
      if (pending.kind === 'remove') {
        await removeMember(team.id, pending.playerId);
        this.changed(i18n.t('admin.teams.removed', { name: pending.name, team: team.name }));
      } else {
        const disqualify = pending.kind === 'disqualify';
        await setDisqualified(team.id, disqualify, this.reason.trim());
        this.changed(i18n.t(disqualify ? 'admin.teams.disqualifiedDone' : 'admin.teams.reinstatedDone', { team: team.name }));
      }
      this.pending = null;
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private confirmText(pending: Pending): { label: string; body: string; action: string } {
    const { i18n, team } = this;
    if (pending.kind === 'remove') {
      return {
        label: i18n.t('admin.teams.remove.title', { name: pending.name, team: team.name }),
        body: i18n.t('admin.teams.remove.body', { name: pending.name }),
        action: i18n.t('admin.teams.remove'),
      };
    }
    return {
      label: i18n.t(`admin.teams.${pending.kind}.title`, { team: team.name }),
      body: i18n.t(`admin.teams.${pending.kind}.body`),
      action: i18n.t(`admin.teams.${pending.kind}`),
    };
  }

  private renderConfirm() {
    const pending = this.pending;
    const text = pending ? this.confirmText(pending) : null;
    const needsReason = pending?.kind === 'disqualify' || pending?.kind === 'reinstate';
    return html`<jam-confirm
      .open=${pending !== null}
      .label=${text?.label ?? ''}
      .paragraphs=${text ? [text.body] : []}
      .confirmLabel=${text?.action ?? ''}
      .danger=${pending?.kind !== 'reinstate'}
      .busy=${this.busy}
      .error=${this.error}
      @jam-confirm=${this.handleConfirm}
      @jam-cancel=${() => (this.pending = null)}
    >
      ${
        needsReason
          ? html`<label class="field">
            <span>${this.i18n.t('admin.teams.reason')}</span>
            <input name="reason" maxlength="500" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} />
            <span class="hint">${this.i18n.t('admin.teams.reasonHint')}</span>
          </label>`
          : nothing
      }
    </jam-confirm>`;
  }

  override render() {
    const { i18n, team } = this;
    return html`
      <section class="panel" aria-labelledby="detail-title">
        <div class="section-head">
          <h2 id="detail-title">${i18n.t('admin.teams.detailTitle', { team: team.name })}</h2>
          ${team.disqualified ? html`<span class="chip danger">${i18n.t('admin.teams.disqualified')}</span>` : nothing}
          <button class="btn small ghost" type="button" @click=${() => this.dispatchEvent(new CustomEvent('jam-close'))}>
            ${i18n.t('common.close')}
          </button>
        </div>
        <div class="grid block">
          <div>
            <form class="form-row" @submit=${this.handleRename}>
              <label class="field" style="flex: 1 1 12rem">
                <span>${i18n.t('admin.teams.rename')}</span>
                <input name="name" maxlength="40" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
              </label>
              <button class="btn" type="submit" ?disabled=${this.name.trim() === team.name}>${i18n.t('admin.teams.renameSubmit')}</button>
              <button class="btn" type="button" aria-pressed=${team.nameLocked ? 'true' : 'false'} @click=${this.handleLock}>
                ${i18n.t(team.nameLocked ? 'admin.formation.unlockName' : 'admin.formation.lockName')}
              </button>
            </form>
            <p class="small muted">${i18n.t('admin.formation.lockHint')}</p>
            <section class="block">
              <h3>${i18n.t('admin.teams.members')}</h3>
              ${
                team.members.length === 0
                  ? html`<p class="muted">${i18n.t('admin.teams.noMembers')}</p>`
                  : html`<ul>
                    ${team.members.map(
                      (m) => html`<li>
                        <span>${m.displayName} <span class="chip">${i18n.t(`lang.${m.language}`)}</span></span>
                        ${this.renderMove(m.id, m.displayName)}
                        <button
                          class="btn small"
                          type="button"
                          aria-label=${i18n.t('admin.teams.removeLabel', { name: m.displayName })}
                          @click=${() => this.open({ kind: 'remove', playerId: m.id, name: m.displayName })}
                        >
                          ${i18n.t('admin.teams.remove')}
                        </button>
                      </li>`,
                    )}
                  </ul>`
              }
            </section>
            ${
              atLeast(this.staffRole, 'owner')
                ? html`<section class="block">
                  <h3>${i18n.t('admin.teams.status')}</h3>
                  ${
                    team.disqualified
                      ? html`<button class="btn" type="button" @click=${() => this.open({ kind: 'reinstate' })}>${i18n.t('admin.teams.reinstate')}</button>`
                      : html`<button class="btn danger" type="button" @click=${() => this.open({ kind: 'disqualify' })}>${i18n.t('admin.teams.disqualify')}</button>`
                  }
                </section>`
                : nothing
            }
          </div>
          <div>
            <h3>${i18n.t('admin.teams.progress')}</h3>
            <ul class="progress">
              ${team.progress.map((p) => {
                const challenge = this.challenges.find((c) => c.id === p.challengeId);
                return html`<li><span>${challenge ? localized(challenge.title, i18n.lang) : p.challengeId}</span><span>${p.solved}/${p.total}</span></li>`;
              })}
            </ul>
            <h3>${i18n.t('admin.teams.penalties')}</h3>
            <ul class="progress">
              <li><span>${i18n.t('admin.teams.cluesUsed')}</span><span>${i18n.t('admin.teams.cluesLabel', { used: team.clues.used, penalty: team.clues.penalty })}</span></li>
              <li><span>${i18n.t('admin.teams.wrong')}</span><span>${i18n.t('admin.teams.wrongLabel', { count: team.wrong.attempts, penalty: team.wrong.penalty })}</span></li>
            </ul>
            <h3>${i18n.t('admin.teams.labResets')}</h3>
            ${
              team.labResets.length === 0
                ? html`<p class="muted small">${i18n.t('admin.teams.labResets.none')}</p>`
                : html`<ul class="progress">
                  ${team.labResets.map((r) => html`<li><span class="mono">${r.lab}</span><span>${i18n.t('admin.teams.labResets.count', { count: r.resets })}</span></li>`)}
                </ul>`
            }
          </div>
        </div>
        ${
          atLeast(this.staffRole, 'owner')
            ? html`<section class="block">
              <h3>${i18n.t('admin.adj.title')} <span class="muted small">${i18n.t('admin.teams.adjustments', { points: team.adjustments })}</span></h3>
              <jam-admin-adjust-form .teams=${[team]} .teamId=${team.id}></jam-admin-adjust-form>
            </section>`
            : nothing
        }
      </section>
      ${this.renderConfirm()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-team-detail': JamAdminTeamDetail;
  }
  interface GlobalEventHandlersEventMap {
    'jam-team-changed': CustomEvent<void>;
    'jam-close': CustomEvent<void>;
  }
}
