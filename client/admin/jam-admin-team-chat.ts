import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { notifyError } from './admin-events.ts';
import { supportStyles } from './jam-admin-support.styles.ts';
import { readTeamChat } from './staff-api.ts';

type Page = Awaited<ReturnType<typeof readTeamChat>>;

/**
 * A team's own chat, for a facilitator, while the team asks for help: opened on demand,
 * since each read is recorded in the audit log.
 *
 * @fires jam-admin-notice - the server's error (e.g. the team no longer asks for help)
 */
@customElement('jam-admin-team-chat')
export class JamAdminTeamChat extends LitElement {
  static override styles = [
    supportStyles,
    css`
      :host {
        display: grid;
        gap: var(--jam-space-2);
        border-top: 1px solid var(--jam-color-border);
        padding-top: var(--jam-space-3);
      }
      .messages {
        max-height: 30vh;
      }
    `,
  ];

  /** The team whose chat this is. */
  @property({ type: Number }) teamId = 0;
  /** Its name, for the heading. */
  @property() team = '';

  @state() private page: Page | null = null;
  @state() private busy = false;
  private readonly i18n = new LocalizeController(this);

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('teamId')) this.page = null;
  }

  private async handleOpen(): Promise<void> {
    this.busy = true;
    try {
      this.page = await readTeamChat(this.teamId);
    } catch (error) {
      notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { i18n } = this;
    if (!this.page) {
      return html`<div class="row-actions">
          <button class="btn small" type="button" ?disabled=${this.busy} @click=${this.handleOpen}>${i18n.t('admin.support.teamChat')}</button>
        </div>
        <p class="small muted">${i18n.t('admin.support.teamChatHint')}</p>`;
    }
    const messages = this.page.messages;
    return html`
      <div class="thread-head">
        <h3>${i18n.t('admin.support.teamChatTitle', { team: this.team })}</h3>
        <button class="btn small ghost" type="button" @click=${() => (this.page = null)}>${i18n.t('common.close')}</button>
      </div>
      ${
        messages.length === 0
          ? html`<p class="muted">${i18n.t('admin.support.teamChatEmpty')}</p>`
          : html`<ol class="messages" aria-label=${i18n.t('admin.support.teamChatTitle', { team: this.team })}>
              ${messages.map(
                (m) => html`<li class="message">
                  <div class="meta"><strong>${m.authorName}</strong><time datetime=${m.at}>${i18n.time(m.at)}</time></div>
                  <p lang=${m.language}>${m.text}</p>
                  ${m.language !== i18n.lang && m.translations[i18n.lang] ? html`<p class="translation" lang=${i18n.lang}>${m.translations[i18n.lang]}</p>` : nothing}
                </li>`,
              )}
            </ol>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-team-chat': JamAdminTeamChat;
  }
}
