import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { matchTeam } from '../api.ts';
import { LocalizeController, type MessageKey } from '../i18n/index.ts';
import { base, buttons, fields, focusRing } from '../styles/shared.ts';
import { announce, requestRefresh } from './events.ts';
import { lobbyErrorKey } from './lobby-error.ts';
import { playerStyles } from './player.styles.ts';

const SKILLS = [1, 2, 3, 4, 5] as const;
const GOALS = ['learn', 'win'] as const;
type Goal = (typeof GOALS)[number];

/**
 * "Match me to a team" in the lobby: a player who came alone gives their experience (1–5)
 * and goal, and the server puts them in a team formed for that goal with a free seat and the
 * nearest average skill, or starts one (`POST /api/teams/match`).
 * @fires jam-refresh - once placed, so the shell reloads the player and team
 * @fires jam-announce - the team joined, for screen readers
 */
@customElement('jam-match-form')
export class JamMatchForm extends LitElement {
  static override styles = [
    base,
    buttons,
    fields,
    focusRing,
    playerStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: var(--jam-space-4);
        align-content: start;
        height: 100%;
        box-sizing: border-box;
      }
      h2 {
        font-size: var(--jam-font-size-lg);
      }
      .intro {
        margin: 0;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--jam-space-2);
      }
      legend {
        font-weight: var(--jam-font-weight-medium);
        padding: 0;
        margin-bottom: var(--jam-space-1);
      }
      fieldset {
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
      }
      .option {
        display: flex;
        align-items: flex-start;
        gap: var(--jam-space-2);
        padding: var(--jam-space-2) var(--jam-space-3);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-md);
        cursor: pointer;
      }
      .option:has(input:checked) {
        border-color: var(--jam-color-accent);
        background: var(--jam-color-surface-raised);
      }
      .option input {
        min-height: auto;
        width: 1.1rem;
        height: 1.1rem;
        margin: 0.15rem 0 0;
        flex: none;
      }
      .option small {
        display: block;
        color: var(--jam-color-text-muted);
        font-size: var(--jam-font-size-sm);
      }
    `,
  ];

  @state() private skill: number | null = null;
  @state() private goal: Goal | null = null;
  @state() private busy = false;
  @state() private error: MessageKey | null = null;
  private readonly i18n = new LocalizeController(this);

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.skill === null || this.goal === null) {
      this.error = this.skill === null ? 'lobby.match.skillRequired' : 'lobby.match.goalRequired';
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const { team } = await matchTeam({ skill: this.skill, goal: this.goal });
      announce(this, this.i18n.t('lobby.joined', { team: team.name }));
      requestRefresh(this, 'all');
    } catch (error) {
      const key = lobbyErrorKey(error, 'match');
      this.error = key === 'lobby.join.full' ? 'lobby.match.full' : key;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { i18n } = this;
    return html`
      <form class="surface" @submit=${this.handleSubmit} novalidate aria-describedby="match-error">
        <h2>${i18n.t('lobby.match.title')}</h2>
        <p class="intro muted">${i18n.t('lobby.match.intro')}</p>
        <fieldset>
          <legend>${i18n.t('lobby.match.skill')}</legend>
          ${SKILLS.map(
            (skill) => html`<label class="option">
              <input type="radio" name="skill" .value=${String(skill)} .checked=${this.skill === skill} @change=${() => (this.skill = skill)} />
              <span>${i18n.t(`lobby.match.skill.${skill}`)}</span>
            </label>`,
          )}
        </fieldset>
        <fieldset class="goals">
          <legend>${i18n.t('lobby.match.goal')}</legend>
          ${GOALS.map(
            (goal) => html`<label class="option">
              <input type="radio" name="goal" .value=${goal} .checked=${this.goal === goal} @change=${() => (this.goal = goal)} />
              <span>${i18n.t(`lobby.match.goal.${goal}`)}<small>${i18n.t(`lobby.match.goal.${goal}Hint`)}</small></span>
            </label>`,
          )}
        </fieldset>
        ${this.error ? html`<p class="error-text" role="alert" id="match-error">${i18n.t(this.error)}</p>` : nothing}
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${i18n.t('lobby.match.submit')}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-match-form': JamMatchForm;
  }
}
