import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { createTeam, joinTeam } from '../api.ts';
import type { EventInfo, Me } from '../api-types.ts';
import { LocalizeController, type MessageKey } from '../i18n/index.ts';
import { base, buttons, fields, focusRing } from '../styles/shared.ts';
import { announce, requestRefresh } from './events.ts';
import './jam-match-form.ts';
import './jam-team-card.ts';
import { lobbyErrorKey } from './lobby-error.ts';
import { playerStyles } from './player.styles.ts';

/** As the server holds it (`POST /api/teams`): 1–40 characters. */
export const TEAM_NAME_MAX = 40;

/**
 * Before the game: create a team, join one with its code, or be matched to one; once in a team and until the
 * event starts, the team card (join code to share, members) and a note that play opens soon.
 */
@customElement('jam-lobby-view')
export class JamLobbyView extends LitElement {
  static override styles = [
    base,
    buttons,
    fields,
    focusRing,
    playerStyles,
    css`
      :host {
        display: block;
        max-width: 56rem;
        margin: 0 auto;
      }
      h1 {
        font-size: var(--jam-font-size-2xl);
        margin-bottom: var(--jam-space-2);
      }
      .intro {
        margin: 0 0 var(--jam-space-5);
      }
      .forms {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: var(--jam-space-5);
      }
      form {
        display: grid;
        gap: var(--jam-space-4);
        align-content: start;
      }
      h2 {
        font-size: var(--jam-font-size-lg);
      }
      #code {
        font-family: var(--jam-font-family-mono);
        letter-spacing: 0.1em;
        text-transform: uppercase;
      }
      jam-match-form {
        grid-column: 1 / -1;
      }
      .waiting {
        margin-top: var(--jam-space-5);
      }
    `,
  ];

  /** The player and team from `GET /api/me`. */
  @property({ attribute: false }) me: Me | null = null;
  /** The event, for the "not started yet" note. */
  @property({ attribute: false }) event: EventInfo | null = null;

  @state() private busy: 'create' | 'join' | null = null;
  @state() private error: { action: 'create' | 'join'; key: MessageKey; count?: number } | null = null;
  @state() private nameLength = 0;
  @query('h1') private heading!: HTMLElement | null;
  private readonly i18n = new LocalizeController(this);

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  private async handleSubmit(event: SubmitEvent, action: 'create' | 'join'): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = String(form.get('value') ?? '').trim();
    if (!value) {
      this.error = { action, key: action === 'create' ? 'lobby.create.nameRequired' : 'lobby.join.codeRequired' };
      return;
    }
    const length = [...value].length;
    // Refused with the limit, never cut: "Cloud Ninjas of the Northern Region…" would lose its end unseen.
    if (action === 'create' && length > TEAM_NAME_MAX) {
      this.error = { action, key: 'lobby.create.tooLong', count: length };
      return;
    }
    this.busy = action;
    this.error = null;
    try {
      const { team } = action === 'create' ? await createTeam(value) : await joinTeam(value.toUpperCase());
      announce(this, this.i18n.t('lobby.joined', { team: team.name }));
      requestRefresh(this, 'all');
    } catch (error) {
      this.error = { action, key: lobbyErrorKey(error, action) };
    } finally {
      this.busy = null;
    }
  }

  private renderError(action: 'create' | 'join') {
    return this.error?.action === action
      ? html`<p class="error-text" role="alert" id="${action}-error">${this.i18n.t(this.error.key, { max: TEAM_NAME_MAX, count: this.error.count ?? 0 })}</p>`
      : nothing;
  }

  private renderChoose() {
    const { i18n } = this;
    return html`
      <h1 tabindex="-1">${i18n.t('lobby.title')}</h1>
      <p class="intro muted">${i18n.t('lobby.intro')}</p>
      <div class="forms">
        <form class="surface" @submit=${(e: SubmitEvent) => this.handleSubmit(e, 'create')} novalidate>
          <h2>${i18n.t('lobby.create.title')}</h2>
          <label class="field">
            <span>${i18n.t('lobby.create.name')}</span>
            <input
              name="value"
              autocomplete="off"
              aria-describedby="create-hint create-error"
              aria-invalid=${this.nameLength > TEAM_NAME_MAX ? 'true' : 'false'}
              @input=${(e: Event) => (this.nameLength = [...(e.target as HTMLInputElement).value.trim()].length)}
            />
            <span class="hint" id="create-hint">${i18n.t('lobby.create.nameCount', { count: this.nameLength, max: TEAM_NAME_MAX })}</span>
          </label>
          ${this.renderError('create')}
          <button class="btn primary" type="submit" ?disabled=${this.busy !== null}>${i18n.t('lobby.create.submit')}</button>
        </form>
        <form class="surface" @submit=${(e: SubmitEvent) => this.handleSubmit(e, 'join')} novalidate>
          <h2>${i18n.t('lobby.join.title')}</h2>
          <label class="field">
            <span>${i18n.t('lobby.join.code')}</span>
            <input id="code" name="value" maxlength="16" autocomplete="off" aria-describedby="join-error" />
            <span class="hint">${i18n.t('lobby.join.codeHint')}</span>
          </label>
          ${this.renderError('join')}
          <button class="btn primary" type="submit" ?disabled=${this.busy !== null}>${i18n.t('lobby.join.submit')}</button>
        </form>
        <jam-match-form></jam-match-form>
      </div>
    `;
  }

  override render() {
    const team = this.me?.team;
    if (!team) return this.renderChoose();
    return html`
      <h1 tabindex="-1">${team.name}</h1>
      <section class="surface">
        <jam-team-card .me=${this.me}></jam-team-card>
      </section>
      ${this.event?.state === 'draft' ? html`<p class="notice waiting" role="status">${this.i18n.t('lobby.waiting')}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-lobby-view': JamLobbyView;
  }
}
