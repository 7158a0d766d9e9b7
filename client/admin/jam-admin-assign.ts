import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { notify, notifyError } from './admin-events.ts';
import { adminSection } from './admin.styles.ts';
import './jam-confirm.ts';
import { assignPlayers, previewAssignment, type Assignment } from './staff-api.ts';

type Mode = Assignment['mode'];

/**
 * A facilitator places every player still without a team: choose similar or balanced, see the
 * preview (who goes where), then confirm; each player is told their team at once.
 *
 * @fires jam-team-changed - players were placed; the team list should reload
 * @fires jam-admin-notice - done, or the server's error
 */
@customElement('jam-admin-assign')
export class JamAdminAssign extends LitElement {
  static override styles = [
    adminSection,
    css`
      :host {
        display: contents;
      }
      .plan {
        list-style: none;
        margin: var(--jam-space-3) 0 0;
        padding: 0;
        display: grid;
        gap: var(--jam-space-2);
        max-height: 40vh;
        overflow-y: auto;
      }
      .plan > li {
        padding: var(--jam-space-2) var(--jam-space-3);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-md);
      }
      .plan ul {
        margin: var(--jam-space-1) 0 0;
        padding-inline-start: var(--jam-space-5);
        font-size: var(--jam-font-size-sm);
      }
    `,
  ];

  /** Whether the dialog is open. */
  @property({ type: Boolean }) open = false;

  @state() private mode: Mode = 'similar';
  @state() private preview: Assignment | null = null;
  @state() private busy = false;
  @state() private error = '';
  private readonly i18n = new LocalizeController(this);

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) {
      this.preview = null;
      this.error = '';
      void this.loadPreview();
    }
  }

  private async loadPreview(): Promise<void> {
    this.busy = true;
    try {
      this.preview = (await previewAssignment(this.mode)).assignment;
      this.error = '';
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('jam-cancel', { bubbles: true, composed: true }));
  }

  private async handlePlace(): Promise<void> {
    if (!this.preview || this.preview.players === 0) return this.close();
    this.busy = true;
    this.error = '';
    try {
      const { assignment } = await assignPlayers(this.mode);
      const players = assignment.teams.reduce((n, t) => n + t.joining.length, 0);
      notify(this, this.i18n.t('admin.formation.placed', { players }));
      this.dispatchEvent(new CustomEvent('jam-team-changed', { bubbles: true, composed: true }));
      this.close();
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private renderPlan(plan: Assignment) {
    const { i18n } = this;
    if (plan.players === 0) return html`<p>${i18n.t('admin.formation.nobody')}</p>`;
    return html`<p>${i18n.t('admin.formation.summary', { players: plan.players, teams: plan.teams.length })}</p>
      <ol class="plan" aria-label=${i18n.t('admin.formation.preview')}>
        ${plan.teams.map(
          (team) => html`<li>
            <strong
              >${
                team.name
                  ? i18n.t('admin.formation.existing', { name: team.name, before: team.membersBefore, after: team.membersBefore + team.joining.length })
                  : i18n.t('admin.formation.newTeam')
              }</strong
            >
            <ul>
              ${team.joining.map(
                (m) =>
                  html`<li>${i18n.t('admin.formation.member', { name: m.displayName, skill: m.skill, goal: i18n.t(`admin.formation.goal.${m.goal}`) })}</li>`,
              )}
            </ul>
          </li>`,
        )}
      </ol>`;
  }

  override render() {
    const { i18n } = this;
    return html`<jam-confirm
      .open=${this.open}
      .label=${i18n.t('admin.formation.title')}
      .paragraphs=${[i18n.t('admin.formation.intro')]}
      .confirmLabel=${i18n.t('admin.formation.place')}
      .busy=${this.busy}
      .error=${this.error}
      @jam-confirm=${this.handlePlace}
      @jam-cancel=${(e: Event) => (e.stopPropagation(), this.close())}
    >
      <fieldset>
        <legend>${i18n.t('admin.formation.mode')}</legend>
        ${(['similar', 'balanced'] as const).map(
          (mode) => html`<label class="choice">
            <input
              type="radio"
              name="mode"
              value=${mode}
              .checked=${this.mode === mode}
              @change=${() => {
                this.mode = mode;
                void this.loadPreview();
              }}
            />
            ${i18n.t(`admin.formation.mode.${mode}`)}
          </label>`,
        )}
      </fieldset>
      ${this.preview ? this.renderPlan(this.preview) : html`<p class="muted">${i18n.t('common.loading')}</p>`}
    </jam-confirm>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-assign': JamAdminAssign;
  }
}
