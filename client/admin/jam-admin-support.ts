import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { isSendKey } from '../components/enter-to-send.ts';
import { localized, LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import {
  ADMIN_STREAM,
  getChallengeTitles,
  getSupportInbox,
  openSupportThread,
  replySupport,
  setSupportHandled,
  type AdminChallenge,
  type SupportThread,
  type SupportThreadPage,
} from './admin-api.ts';
import { notify, notifyError, signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { supportStyles } from './jam-admin-support.styles.ts';
import './jam-admin-support-assign.ts';
import './jam-admin-team-chat.ts';
import { atLeast, type SignedInStaff } from './staff-api.ts';

/** Waiting times move on without any event: re-render this often. */
const TICK_MS = 30_000;

type Message = SupportThreadPage['messages'][number];
const LIVE_DEBOUNCE_MS = 250;

/**
 * The support inbox, worked by several people: every team's thread with unread counts, who
 * has it (unassigned ones stand out with their waiting time) and the challenge the player was
 * on; the open thread with replies, a handled switch, claim / release / hand over, and (for
 * facilitators) the team's own chat. New messages arrive over the stream; opening a thread
 * (or receiving into the open one) marks it read.
 */
@customElement('jam-admin-support')
export class JamAdminSupport extends LitElement {
  static override styles = supportStyles;

  /** The signed-in person: their threads are marked, and facilitators may read team chat. */
  @property({ attribute: false }) me: SignedInStaff | null = null;

  @state() private threads: SupportThread[] | null = null;
  @state() private selected: number | null = null;
  @state() private page: SupportThreadPage | null = null;
  @state() private reply = '';
  @state() private sending = false;
  @state() private error = '';
  @state() private replyError = '';
  @state() private titles: AdminChallenge[] = [];

  @query('.messages') private messageList?: HTMLElement;
  private readonly i18n = new LocalizeController(this);
  private inboxTimer: ReturnType<typeof setTimeout> | undefined;
  private threadTimer: ReturnType<typeof setTimeout> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private readonly stream = new StreamController(
    this,
    {
      restart: () => {
        this.selected = null;
        this.page = null;
        this.later('inbox');
      },
      support: (thread) => {
        this.later('inbox');
        if (thread.teamId === this.selected) this.later('thread');
      },
      chat: (message) => {
        if (message.channel === 'support' && message.teamId === this.selected) this.later('thread');
      },
      translation: (translation) => {
        if (translation.channel === 'support' && translation.teamId === this.selected) this.later('thread');
      },
    },
    { url: ADMIN_STREAM, onResync: () => (this.later('inbox'), this.later('thread')) },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadInbox();
    getChallengeTitles()
      .then((list) => (this.titles = list.challenges))
      .catch(() => {
        // Threads then name challenges by id.
      });
    this.tick = setInterval(() => this.requestUpdate(), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.inboxTimer);
    clearTimeout(this.threadTimer);
    clearInterval(this.tick);
  }

  private challengeTitle(id: string): string {
    const challenge = this.titles.find((c) => c.id === id);
    return challenge ? localized(challenge.title, this.i18n.lang) : id;
  }

  private waitingMinutes(since: string): number {
    return Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 60_000));
  }

  private handleThreadChanged(): void {
    void this.loadInbox();
    void this.loadThread();
  }

  protected override updated(changed: PropertyValues): void {
    // Newest message in view after opening a thread or receiving one.
    if (changed.has('page') && this.messageList) this.messageList.scrollTop = this.messageList.scrollHeight;
  }

  private later(what: 'inbox' | 'thread'): void {
    if (what === 'inbox') {
      clearTimeout(this.inboxTimer);
      this.inboxTimer = setTimeout(() => void this.loadInbox(), LIVE_DEBOUNCE_MS);
    } else if (this.selected !== null) {
      clearTimeout(this.threadTimer);
      this.threadTimer = setTimeout(() => void this.loadThread(), LIVE_DEBOUNCE_MS);
    }
  }

  private async loadInbox(): Promise<void> {
    try {
      this.threads = (await getSupportInbox()).threads;
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
      signedOutCheck(this, error);
    }
  }

  private async loadThread(): Promise<void> {
    const teamId = this.selected;
    if (teamId === null) return;
    try {
      const page = await openSupportThread(teamId);
      if (teamId !== this.selected) return;
      this.page = page;
      // Opening marked it read: the inbox counts follow.
      this.later('inbox');
    } catch (error) {
      this.error = errorText(error);
      signedOutCheck(this, error);
    }
  }

  private select(teamId: number): void {
    if (teamId === this.selected) return;
    this.selected = teamId;
    this.page = null;
    this.reply = '';
    this.replyError = '';
    void this.loadThread();
  }

  private async handleSend(event?: Event): Promise<void> {
    event?.preventDefault();
    const teamId = this.selected;
    const text = this.reply.trim();
    if (teamId === null || !text || this.sending) return;
    this.sending = true;
    this.replyError = '';
    try {
      await replySupport(teamId, text, this.i18n.lang);
      this.reply = '';
      notify(this, this.i18n.t('admin.support.sent', { team: this.page?.team.name ?? '' }));
      await this.loadThread();
    } catch (error) {
      this.replyError = notifyError(this, error);
    } finally {
      this.sending = false;
    }
  }

  private async handleHandled(handled: boolean): Promise<void> {
    const teamId = this.selected;
    if (teamId === null) return;
    const team = this.page?.team.name ?? '';
    try {
      await setSupportHandled(teamId, handled);
      notify(this, this.i18n.t(handled ? 'admin.support.markedHandled' : 'admin.support.reopened', { team }));
      await Promise.all([this.loadThread(), this.loadInbox()]);
    } catch (error) {
      notifyError(this, error);
    }
  }

  /** As in the players' chat: Enter sends, Shift+Enter breaks the line, an IME's Enter does neither. */
  private handleKeydown(event: KeyboardEvent): void {
    if (isSendKey(event)) void this.handleSend(event);
  }

  private renderThreads(threads: SupportThread[]) {
    const { i18n } = this;
    if (threads.length === 0) return html`<p class="empty">${i18n.t('admin.support.empty')}</p>`;
    return html`<ul class="threads">
      ${threads.map(
        (t) => html`<li>
          <button
            type="button"
            class="thread ${t.assignee === null && t.waitingSince ? 'waiting' : ''}"
            data-team-id=${t.teamId}
            aria-current=${t.teamId === this.selected ? 'true' : 'false'}
            @click=${() => this.select(t.teamId)}
          >
            <span class="top">
              <strong>${t.teamName}</strong>
              ${t.unread > 0 ? html`<span class="chip danger">${i18n.t('admin.support.unread', { count: t.unread })}</span>` : nothing}
              ${t.handled ? html`<span class="chip success">${i18n.t('admin.support.handled')}</span>` : nothing}
            </span>
            <span class="top small">
              ${
                t.assignee
                  ? html`<span class="chip ${t.assignee.id === this.me?.id ? 'success' : ''}"
                      >${t.assignee.id === this.me?.id ? i18n.t('admin.support.withYou') : i18n.t('admin.support.with', { name: t.assignee.name })}</span
                    >`
                  : t.handled
                    ? nothing
                    : html`<span class="chip warning">${i18n.t('admin.support.unassigned')}</span>`
              }
              ${t.waitingSince ? html`<span class="wait">${i18n.t('admin.support.waiting', { minutes: this.waitingMinutes(t.waitingSince) })}</span>` : nothing}
              ${t.challengeId ? html`<span class="muted">${i18n.t('admin.support.onChallenge', { challenge: this.challengeTitle(t.challengeId) })}</span>` : nothing}
            </span>
            ${t.lastMessage ? html`<span class="preview">${t.lastMessage.authorAdmin ? `${i18n.t('admin.support.facilitator')}: ` : ''}${t.lastMessage.text}</span>` : nothing}
            <time class="small muted" datetime=${t.lastMessageAt}>${i18n.time(t.lastMessageAt)}</time>
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private renderMessage(m: Message) {
    const { i18n } = this;
    const translation = m.language !== i18n.lang ? m.translations[i18n.lang] : undefined;
    return html`<li class="message ${m.authorAdmin ? 'mine' : ''}">
      <div class="meta">
        <strong>${m.authorAdmin ? (m.staffName ?? i18n.t('admin.support.facilitator')) : m.authorName}</strong>
        <time datetime=${m.at}>${i18n.time(m.at)}</time>
      </div>
      <p lang=${m.language}>${m.text}</p>
      ${
        translation
          ? html`<p class="translation" lang=${i18n.lang}>
            <span class="small muted">${i18n.t('admin.support.translation', { language: i18n.t(`lang.${i18n.lang}`) })}</span><br />${translation}
          </p>`
          : nothing
      }
    </li>`;
  }

  private renderThread() {
    const { i18n } = this;
    if (this.selected === null) return html`<p class="empty">${i18n.t('admin.support.pick')}</p>`;
    const page = this.page;
    if (!page) return html`<p class="empty">${i18n.t('common.loading')}</p>`;
    return html`
      <div class="thread-head">
        <h3>${i18n.t('admin.support.threadLabel', { team: page.team.name })}</h3>
        ${
          page.thread.handled
            ? html`<button class="btn small" type="button" @click=${() => void this.handleHandled(false)}>${i18n.t('admin.support.reopen')}</button>`
            : html`<button class="btn small" type="button" @click=${() => void this.handleHandled(true)}>${i18n.t('admin.support.markHandled')}</button>`
        }
      </div>
      <jam-admin-support-assign .thread=${page.thread} .team=${page.team.name} .me=${this.me} @jam-thread-changed=${this.handleThreadChanged}></jam-admin-support-assign>
      ${page.thread.challengeId ? html`<p class="small muted">${i18n.t('admin.support.onChallenge', { challenge: this.challengeTitle(page.thread.challengeId) })}</p>` : nothing}
      ${
        page.messages.length === 0
          ? html`<p class="empty">${i18n.t('admin.support.noMessages')}</p>`
          : html`<ol class="messages" aria-live="polite">${page.messages.map((m) => this.renderMessage(m))}</ol>`
      }
      <form class="reply" @submit=${this.handleSend}>
        <label class="field">
          <span>${i18n.t('admin.support.reply')}</span>
          <textarea
            name="reply"
            rows="3"
            maxlength="1000"
            placeholder=${i18n.t('admin.support.replyPlaceholder')}
            aria-describedby="reply-hint"
            .value=${this.reply}
            @input=${(e: Event) => (this.reply = (e.target as HTMLTextAreaElement).value)}
            @keydown=${this.handleKeydown}
          ></textarea>
          <span class="hint" id="reply-hint">${i18n.t('chat.enterHint')}</span>
        </label>
        ${this.replyError ? html`<p class="error-text" role="alert">${this.replyError}</p>` : nothing}
        <button class="btn primary" type="submit" ?disabled=${this.sending || !this.reply.trim()}>${i18n.t('admin.support.send')}</button>
      </form>
      ${
        atLeast(this.me?.role, 'facilitator') && !page.thread.handled
          ? html`<jam-admin-team-chat .teamId=${page.team.id} .team=${page.team.name}></jam-admin-team-chat>`
          : nothing
      }
    `;
  }

  override render() {
    const { i18n } = this;
    return html`
      <div class="section-head"><h2>${i18n.t('admin.support.title')}</h2></div>
      ${this.error ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: this.error })}</p>` : nothing}
      <div class="layout">
        <nav class="panel list" aria-label=${i18n.t('admin.support.conversations')}>
          <h3>${i18n.t('admin.support.conversations')}</h3>
          ${this.threads ? this.renderThreads(this.threads) : html`<p class="empty">${i18n.t('common.loading')}</p>`}
        </nav>
        <section class="panel view">${this.renderThread()}</section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-support': JamAdminSupport;
  }
}
