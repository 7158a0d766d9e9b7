import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, getChat, sendChat } from '../api.ts';
import type { ChatChannel, ChatMessage, Lang } from '../api-types.ts';
import { LocalizeController, type MessageKey } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { base, buttons, fields, focusRing, srOnly } from '../styles/shared.ts';
import { isSendKey } from '../components/enter-to-send.ts';
import { applyTranslation, type DeviceReading, displayMessage, mergeMessages, messageFromEvent } from './chat-model.ts';
import { chatStyles } from './chat.styles.ts';
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';
import { detectLanguage, hasOnDeviceTranslation, translateOnDevice } from './on-device-translation.ts';
import { PLAYER_STREAM } from './stream.ts';

const PAGE = 50;
const MAX_CHARS = 1000;
/** Longer messages fold to a few lines with "Show more". */
const FOLD_CHARS = 400;
const FOLD_LINES = 6;

function charCount(text: string): number {
  return [...text].length;
}

function isLong(text: string): boolean {
  return charCount(text) > FOLD_CHARS || text.split('\n').length > FOLD_LINES;
}

/**
 * A team's chat thread (`team`) or its support thread with the facilitators (`support`).
 * Each message shows in the reader's language: translated on this device where the browser
 * can (Chrome, Edge), else by the server's provider, with a toggle to the original; one that
 * nobody translated says so. Enter sends, Shift+Enter breaks the line, and Enter while an IME
 * is composing Japanese does neither. The box counts characters and refuses more than 1,000
 * (nothing is cut); long messages fold with "Show more"; an unsent message survives a reload.
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
  @state() private expanded = new Set<number>();
  /** What this browser made of each message (language, on-device translation), by id. */
  @state() private device = new Map<number, DeviceReading>();
  private readingFor = new Map<number, string>();
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
    {
      url: PLAYER_STREAM,
      onResync: () => {
        this.handleOnline();
        void this.loadLatest();
      },
    },
  );

  private get draftKey(): string {
    return `chat:${this.channel}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.draft = loadDraft<string>(this.draftKey) ?? '';
    window.addEventListener('online', this.handleOnline);
    void this.loadLatest();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.handleOnline);
  }

  /** The browser is back online: "cannot reach the server" no longer holds. */
  private handleOnline = (): void => {
    if (this.error?.key === 'common.networkError') this.error = null;
  };

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
    if (changed.has('messages') || changed.has('contentLang')) void this.readOnDevice();
    if (changed.has('messages') && this.stickToBottom && this.loading !== 'older' && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /** Scrolls to the newest message, e.g. when the tab that holds the thread opens. */
  scrollToEnd(): void {
    void this.updateComplete.then(() => {
      if (this.log) this.log.scrollTop = this.log.scrollHeight;
    });
  }

  /**
   * Detects each new message's language and translates it on this device when the browser can;
   * messages from the reader are left alone.
   */
  private async readOnDevice(): Promise<void> {
    if (!hasOnDeviceTranslation() && !('LanguageDetector' in globalThis)) return;
    const lang = this.i18n.lang;
    for (const m of this.messages) {
      const want = `${lang}:${m.text}`;
      if (m.mine || this.readingFor.get(m.id) === want) continue;
      this.readingFor.set(m.id, want);
      const source = (await detectLanguage(m.text)) ?? m.language;
      const text = source === lang ? null : await translateOnDevice(m.text, source, lang);
      if (this.readingFor.get(m.id) !== want) continue;
      this.device = new Map(this.device).set(m.id, { source, text });
    }
  }

  private handleInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    saveDraft(this.draftKey, this.draft);
    // Typing again answers "too long"; a network or rate error stays until the next send.
    if (this.error?.key === 'chat.tooLong' && charCount(this.draft.trim()) <= MAX_CHARS) this.error = null;
  }

  private async send(): Promise<void> {
    const text = this.draft.trim();
    if (!text || this.sending) return;
    if (charCount(text) > MAX_CHARS) {
      this.error = { key: 'chat.tooLong' };
      return;
    }
    this.sending = true;
    this.error = null;
    try {
      const { message } = await sendChat(this.channel, text);
      this.messages = mergeMessages(this.messages, [message]);
      this.draft = '';
      clearDraft(this.draftKey);
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
    if (!isSendKey(event)) return;
    event.preventDefault();
    void this.send();
  }

  private toggleExpanded(id: number): void {
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded = next;
  }

  private toggleOriginal(id: number): void {
    const next = new Set(this.originals);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.originals = next;
  }

  private renderNote(shown: ReturnType<typeof displayMessage>, id: number) {
    const { i18n } = this;
    if (!shown.foreign) return nothing;
    const language = i18n.t(`lang.${shown.source}`);
    let note: string;
    if (shown.translated === 'device') note = i18n.t('chat.translatedOnDevice', { language });
    else if (shown.translated === 'server') note = i18n.t('chat.translatedFrom', { language });
    else if (shown.canToggle) note = i18n.t('chat.original', { language });
    else if (shown.pending) note = i18n.t('chat.translating', { language });
    else note = i18n.t('chat.notTranslated', { language });
    return html`<div class="note">
      <span>${note}</span>
      ${
        shown.canToggle
          ? html`<button class="link" type="button" @click=${() => this.toggleOriginal(id)}>
            ${shown.translated ? i18n.t('chat.showOriginal') : i18n.t('chat.showTranslation')}
          </button>`
          : nothing
      }
    </div>`;
  }

  private renderMessage(m: ChatMessage, lang: Lang) {
    const { i18n } = this;
    const shown = displayMessage(m, lang, this.originals.has(m.id), this.device.get(m.id));
    const name = m.authorAdmin ? i18n.t('support.facilitator') : m.mine ? i18n.t('chat.you') : m.authorName;
    const long = isLong(shown.text);
    const open = this.expanded.has(m.id);
    return html`<li class="msg ${m.mine ? 'mine' : ''} ${m.authorAdmin ? 'staff' : ''}">
      <div class="who">
        <strong>${name}</strong>
        <time datetime=${m.at}>${i18n.time(m.at)}</time>
      </div>
      <p class="text ${long && !open ? 'folded' : ''}" id="msg-${this.channel}-${m.id}" lang=${shown.lang}>${shown.text}</p>
      ${
        long
          ? html`<button class="link more" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="msg-${this.channel}-${m.id}" @click=${() => this.toggleExpanded(m.id)}>
            ${i18n.t(open ? 'chat.showLess' : 'chat.showMore')}
          </button>`
          : nothing
      }
      ${this.renderNote(shown, m.id)}
    </li>`;
  }

  override render() {
    const { i18n } = this;
    const lang = i18n.lang;
    const support = this.channel === 'support';
    const inputId = `chat-${this.channel}`;
    const count = charCount(this.draft.trim());
    const over = count > MAX_CHARS;
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
          aria-describedby="${inputId}-hint ${inputId}-count"
          aria-invalid=${over ? 'true' : 'false'}
          enterkeyhint="send"
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
        ></textarea>
        ${
          this.error
            ? html`<p class="error-text" role="alert">${i18n.t(this.error.key, { max: MAX_CHARS, count, seconds: this.error.seconds ?? 0 })}</p>`
            : nothing
        }
        <div class="send">
          <span class="hint" id="${inputId}-hint">${i18n.t('chat.enterHint')}</span>
          <span class="count ${over ? 'over' : ''}" id="${inputId}-count">${i18n.t('chat.count', { count, max: MAX_CHARS })}</span>
          <button class="btn primary" type="submit" ?disabled=${this.sending || !this.draft.trim() || over}>${i18n.t('common.send')}</button>
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
