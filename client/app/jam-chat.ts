import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, getChat, sendChat } from '../api.ts';
import type { ChatChannel, ChatMessage, Lang } from '../api-types.ts';
import { LocalizeController, type MessageKey } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { base, buttons, fields, focusRing, srOnly } from '../styles/shared.ts';
import { applyTranslation, displayMessage, mergeMessages, messageFromEvent } from './chat-model.ts';
import { chatStyles } from './chat.styles.ts';
import { PLAYER_STREAM } from './stream.ts';

const PAGE = 50;
const MAX_CHARS = 1000;

/**
 * A team's chat thread (`team`) or its support thread with the facilitators (`support`).
 * Each message shows in the reader's language when a translation exists, with a toggle to
 * the original; others are marked with their language. Enter sends, Shift+Enter breaks the
 * line, and Enter while an IME is composing Japanese does neither.
 *
 * @fires jam-chat-message - a message from someone else arrived live (`detail.channel`, `detail.author`)
 */
@customElement('jam-chat')
export class JamChat extends LitElement {
  static override styles = [base, buttons, fields, focusRing, srOnly, chatStyles];

  @property() channel: ChatChannel = 'team';
  /** The reader, to mark their own messages. */
  @property({ type: Number, attribute: 'player-id' }) playerId = 0;
  /** The reader's language on the server; a change reloads, as translations are made per language. */
  @property({ attribute: 'content-lang' }) contentLang: Lang = 'en';

  @state() private messages: ChatMessage[] = [];
  @state() private nextBefore: number | null = null;
  @state() private loading: 'idle' | 'first' | 'older' = 'first';
  @state() private loadFailed = false;
  @state() private draft = '';
  @state() private sending = false;
  @state() private error: { key: MessageKey; seconds?: number } | null = null;
  @state() private originals = new Set<number>();
  @query('.log') private log!: HTMLElement | null;
  private stickToBottom = true;
  private readonly i18n = new LocalizeController(this);

  private readonly stream = new StreamController(
    this,
    {
      chat: (event) => {
        if (event.channel !== this.channel) return;
        const message = messageFromEvent(event, this.playerId);
        this.messages = mergeMessages(this.messages, [message]);
        if (!message.mine) {
          this.dispatchEvent(
            new CustomEvent('jam-chat-message', { detail: { channel: this.channel, author: message.authorName }, bubbles: true, composed: true }),
          );
        }
      },
      translation: (event) => {
        if (event.channel === this.channel) this.messages = applyTranslation(this.messages, event);
      },
    },
    { url: PLAYER_STREAM, onResync: () => void this.loadLatest() },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadLatest();
  }

  private async loadLatest(): Promise<void> {
    try {
      const page = await getChat(this.channel, { limit: PAGE });
      this.messages = mergeMessages(this.messages, page.messages);
      if (this.loading === 'first') this.nextBefore = page.nextBefore;
      this.loadFailed = false;
    } catch {
      this.loadFailed = true;
    } finally {
      this.loading = 'idle';
    }
  }

  private async loadOlder(): Promise<void> {
    if (this.nextBefore === null) return;
    const log = this.log;
    const fromBottom = log ? log.scrollHeight - log.scrollTop : 0;
    this.loading = 'older';
    try {
      const page = await getChat(this.channel, { before: this.nextBefore, limit: PAGE });
      this.messages = mergeMessages(this.messages, page.messages);
      this.nextBefore = page.nextBefore;
      await this.updateComplete;
      // Older messages go on top: keep the reader's place.
      if (log) log.scrollTop = log.scrollHeight - fromBottom;
    } catch {
      this.loadFailed = true;
    } finally {
      this.loading = 'idle';
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('messages') && this.log) {
      const log = this.log;
      this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('contentLang') && changed.get('contentLang') !== undefined) void this.loadLatest();
    if (changed.has('messages') && this.stickToBottom && this.loading !== 'older' && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /** Scrolls to the newest message, e.g. when the tab that holds the thread opens. */
  scrollToEnd(): void {
    void this.updateComplete.then(() => {
      if (this.log) this.log.scrollTop = this.log.scrollHeight;
    });
  }

  private async send(): Promise<void> {
    const text = this.draft.trim();
    if (!text || this.sending) return;
    if ([...text].length > MAX_CHARS) {
      this.error = { key: 'chat.tooLong' };
      return;
    }
    this.sending = true;
    this.error = null;
    try {
      const { message } = await sendChat(this.channel, text);
      this.messages = mergeMessages(this.messages, [message]);
      this.draft = '';
      this.stickToBottom = true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) this.error = { key: 'chat.rateLimited', seconds: error.retryAfter ?? 10 };
      else if (error instanceof ApiError && error.status === 0) this.error = { key: 'common.networkError' };
      else this.error = { key: 'common.error' };
    } finally {
      this.sending = false;
    }
  }

  private handleKeydown(event: KeyboardEvent): void {
    // keyCode 229: the Enter that confirms an IME conversion in some browsers.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.send();
  }

  private toggleOriginal(id: number): void {
    const next = new Set(this.originals);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.originals = next;
  }

  private renderMessage(m: ChatMessage, lang: Lang) {
    const { i18n } = this;
    const shown = displayMessage(m, lang, this.originals.has(m.id));
    const name = m.authorAdmin ? i18n.t('support.facilitator') : m.mine ? i18n.t('chat.you') : m.authorName;
    const language = i18n.t(`lang.${m.language}`);
    return html`<li class="msg ${m.mine ? 'mine' : ''} ${m.authorAdmin ? 'staff' : ''}">
      <div class="who">
        <strong>${name}</strong>
        <time datetime=${m.at}>${i18n.time(m.at)}</time>
      </div>
      <p class="text" lang=${shown.lang}>${shown.text}</p>
      ${
        shown.foreign
          ? html`<div class="note">
            <span>${shown.translated ? i18n.t('chat.translatedFrom', { language }) : i18n.t('chat.original', { language })}</span>
            ${
              shown.canToggle
                ? html`<button class="link" type="button" @click=${() => this.toggleOriginal(m.id)}>
                  ${shown.translated ? i18n.t('chat.showOriginal') : i18n.t('chat.showTranslation')}
                </button>`
                : nothing
            }
          </div>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const { i18n } = this;
    const lang = i18n.lang;
    const support = this.channel === 'support';
    const inputId = `chat-${this.channel}`;
    return html`
      <div class="log" role="log" aria-label=${i18n.t(support ? 'team.tab.support' : 'team.tab.chat')}>
        <ol class="items">
        ${
          this.nextBefore !== null
            ? html`<li class="older">
              <button class="btn ghost" type="button" ?disabled=${this.loading === 'older'} @click=${this.loadOlder}>${i18n.t('chat.loadOlder')}</button>
            </li>`
            : nothing
        }
        ${
          this.loading === 'first'
            ? html`<li class="empty muted">${i18n.t('common.loading')}</li>`
            : this.messages.length === 0
              ? html`<li class="empty muted">${i18n.t(support ? 'support.empty' : 'chat.empty')}</li>`
              : nothing
        }
        ${repeat(
          this.messages,
          (m) => m.id,
          (m) => this.renderMessage(m, lang),
        )}
        </ol>
      </div>
      ${this.loadFailed ? html`<p class="error-text" role="alert">${i18n.t('common.networkError')}</p>` : nothing}
      <form @submit=${(e: Event) => (e.preventDefault(), void this.send())}>
        <label class="label" for=${inputId}>${i18n.t(support ? 'support.label' : 'chat.label')}</label>
        <textarea
          id=${inputId}
          .value=${this.draft}
          placeholder=${i18n.t(support ? 'support.placeholder' : 'chat.placeholder')}
          maxlength=${MAX_CHARS}
          aria-describedby="${inputId}-hint"
          @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.handleKeydown}
        ></textarea>
        ${this.error ? html`<p class="error-text" role="alert">${i18n.t(this.error.key, { max: MAX_CHARS, seconds: this.error.seconds ?? 0 })}</p>` : nothing}
        <div class="send">
          <span class="hint" id="${inputId}-hint">${i18n.t('chat.enterHint')}</span>
          <button class="btn primary" type="submit" ?disabled=${this.sending || !this.draft.trim()}>${i18n.t('common.send')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-chat': JamChat;
  }
  interface GlobalEventHandlersEventMap {
    'jam-chat-message': CustomEvent<{ channel: ChatChannel; author: string }>;
  }
}
