import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { leaveTeam } from '../api.ts';
import type { Me } from '../api-types.ts';
import '../components/jam-dialog.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import { announce, requestRefresh } from './events.ts';
import './jam-copy-button.ts';
import { playerStyles } from './player.styles.ts';

/**
 * The team at a glance: its join code to share (with a copy button), the members, and a way
 * to leave (confirmed first).
 */
@customElement('jam-team-card')
export class JamTeamCard extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    playerStyles,
    css`
      :host {
        display: block;
      }
      p {
        margin: 0;
      }
      .code {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: var(--jam-space-2) var(--jam-space-3);
        margin: var(--jam-space-2) 0 var(--jam-space-4);
      }
      .code strong {
        font-family: var(--jam-font-family-mono);
        font-size: var(--jam-font-size-xl);
        letter-spacing: 0.12em;
      }
      h3 {
        font-size: var(--jam-font-size-md);
        margin-bottom: var(--jam-space-2);
      }
      ul {
        list-style: none;
        margin: 0 0 var(--jam-space-4);
        padding: 0;
        display: grid;
        gap: var(--jam-space-1);
      }
      li {
        display: flex;
        gap: var(--jam-space-2);
        align-items: baseline;
      }
      .lang {
        font-size: var(--jam-font-size-xs);
      }
      .error-text {
        color: var(--jam-color-danger);
      }
    `,
  ];

  /** The player and team from `GET /api/me`. */
  @property({ attribute: false }) me: Me | null = null;

  @state() private confirming = false;
  @state() private busy = false;
  @state() private failed = false;
  private readonly i18n = new LocalizeController(this);

  private async handleLeave(): Promise<void> {
    this.busy = true;
    this.failed = false;
    try {
      await leaveTeam();
      this.confirming = false;
      announce(this, this.i18n.t('lobby.left'));
      requestRefresh(this, 'all');
    } catch {
      this.failed = true;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const team = this.me?.team;
    if (!this.me || !team) return nothing;
    const { i18n } = this;
    return html`
      <p class="muted">${i18n.t('lobby.shareIntro')}</p>
      <div class="code">
        <span>${i18n.t('lobby.joinCodeLabel')}</span>
        <strong>${team.joinCode}</strong>
        <jam-copy-button .value=${team.joinCode} label=${i18n.t('lobby.copyCode')}></jam-copy-button>
      </div>
      <h3>${i18n.t('lobby.members', { count: team.members.length, max: team.maxSize })}</h3>
      <ul>
        ${team.members.map(
          (m) => html`<li>
            <span>${m.id === this.me?.player.id ? i18n.t('team.members.you', { name: m.displayName }) : m.displayName}</span>
            <span class="lang muted">${i18n.t(`lang.${m.language}`)}</span>
          </li>`,
        )}
      </ul>
      <button class="btn" type="button" @click=${() => (this.confirming = true)}>${i18n.t('lobby.leave')}</button>
      <jam-dialog .open=${this.confirming} label=${i18n.t('lobby.leave.title', { team: team.name })} @jam-request-close=${() => (this.confirming = false)}>
        <p>${i18n.t(team.members.length <= 1 ? 'lobby.leave.bodyLast' : 'lobby.leave.body', { team: team.name })}</p>
        ${this.failed ? html`<p class="error-text" role="alert">${i18n.t('common.error')}</p>` : nothing}
        <button slot="footer" class="btn" type="button" autofocus @click=${() => (this.confirming = false)}>${i18n.t('common.cancel')}</button>
        <button slot="footer" class="btn danger" type="button" ?disabled=${this.busy} @click=${this.handleLeave}>${i18n.t('lobby.leave')}</button>
      </jam-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-team-card': JamTeamCard;
  }
}
