import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AnnouncementInfo, Lang, Me } from '../api-types.ts';
import { LocalizeController, localized } from '../i18n/index.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import type { ActivityItem } from './activity.ts';
import { announce } from './events.ts';
import './jam-chat.ts';
import type { JamChat } from './jam-chat.ts';
import './jam-team-card.ts';
import { playerStyles } from './player.styles.ts';
import { routePath } from './router.ts';
import { teamPanelStyles } from './team-panel.styles.ts';

export type PanelTab = 'members' | 'chat' | 'support' | 'activity';
const TABS: readonly PanelTab[] = ['chat', 'support', 'activity', 'members'];

/**
 * The team panel: chat, support with the facilitators, recent activity and members, as tabs.
 * Chat threads stay mounted while hidden so they keep receiving; unseen messages are counted
 * on their tab.
 *
 * @fires jam-panel-close - the close button was pressed (drawer mode)
 * @fires jam-unread-change - the number of unseen messages changed (`detail.count`)
 */
@customElement('jam-team-panel')
export class JamTeamPanel extends LitElement {
  static override styles = [base, buttons, focusRing, playerStyles, teamPanelStyles];

  @property({ attribute: false }) me: Me | null = null;
  @property({ attribute: false }) activity: ActivityItem[] = [];
  @property({ attribute: false }) announcements: AnnouncementInfo[] = [];
  /** The player's language on the server (chat translations follow it). */
  @property({ attribute: 'content-lang' }) contentLang: Lang = 'en';
  /** Whether the panel is visible (always on wide screens; when opened as a drawer). */
  @property({ type: Boolean }) visible = true;
  /** Drawer mode shows a close button. */
  @property({ type: Boolean }) drawer = false;

  @state() private tab: PanelTab = 'chat';
  @state() private unread: Record<'chat' | 'support', number> = { chat: 0, support: 0 };
  @query('.close') private closeButton!: HTMLButtonElement | null;
  private readonly i18n = new LocalizeController(this);

  constructor() {
    super();
    this.addEventListener('jam-chat-message', (event) => {
      const channel = event.detail.channel === 'support' ? 'support' : 'chat';
      if (!this.visible || this.tab !== channel) {
        this.unread = { ...this.unread, [channel]: this.unread[channel] + 1 };
        announce(this, this.i18n.t('chat.newMessage', { name: event.detail.author }));
      }
    });
  }

  /** Where the tab bar ends on the screen (px from the top), for what must not cover it. */
  tabsBottom(): number | undefined {
    return this.renderRoot.querySelector('[role="tablist"]')?.getBoundingClientRect().bottom;
  }

  focusFirst(): void {
    void this.updateComplete.then(() => (this.closeButton ?? this.renderRoot.querySelector<HTMLElement>('[aria-selected="true"]'))?.focus());
  }

  protected override updated(changed: PropertyValues): void {
    if ((changed.has('visible') || changed.has('tab')) && this.visible && (this.tab === 'chat' || this.tab === 'support')) {
      if (this.unread[this.tab] > 0) this.unread = { ...this.unread, [this.tab]: 0 };
      this.renderRoot.querySelector<JamChat>(`jam-chat[channel="${this.tab === 'chat' ? 'team' : 'support'}"]`)?.scrollToEnd();
    }
    if (changed.has('unread')) {
      const count = this.unread.chat + this.unread.support;
      this.dispatchEvent(new CustomEvent('jam-unread-change', { detail: { count }, bubbles: true, composed: true }));
    }
  }

  private handleTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.tab);
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    else return;
    event.preventDefault();
    this.tab = TABS[next] ?? 'chat';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
  }

  private renderActivityItem(item: ActivityItem) {
    const { i18n } = this;
    if (item.kind === 'adjustment') {
      return html`<li class="adjustment">
        <time datetime=${item.at}>${i18n.time(item.at)}</time>
        <span>${i18n.t(item.points >= 0 ? 'activity.adjustedUp' : 'activity.adjustedDown', { points: Math.abs(item.points), reason: item.reason })}</span>
      </li>`;
    }
    const challenge = localized(item.challengeTitle ?? { en: item.challengeId }, i18n.lang);
    const text =
      item.kind === 'solve'
        ? i18n.t(item.mine ? 'activity.solvedByYou' : 'activity.solved', { task: localized(item.taskTitle, i18n.lang), points: item.points })
        : i18n.t('activity.clue', { name: item.playerName, index: item.index, penalty: item.penalty });
    return html`<li class=${item.kind}>
      <time datetime=${item.at}>${i18n.time(item.at)}</time>
      <span>${text}</span>
      <a href=${routePath({ name: 'challenge', id: item.challengeId })}>${challenge}</a>
    </li>`;
  }

  private renderTabs() {
    const { i18n } = this;
    const label: Record<PanelTab, string> = {
      members: i18n.t('team.tab.members'),
      chat: i18n.t('team.tab.chat'),
      support: i18n.t('team.tab.support'),
      activity: i18n.t('team.tab.activity'),
    };
    return html`<div role="tablist" aria-label=${i18n.t('team.panel.title')} @keydown=${this.handleTabKey}>
      ${TABS.map((tab) => {
        const count = tab === 'chat' || tab === 'support' ? this.unread[tab] : 0;
        return html`<button
          role="tab"
          id="tab-${tab}"
          aria-selected=${this.tab === tab ? 'true' : 'false'}
          aria-controls="panel-${tab}"
          tabindex=${this.tab === tab ? 0 : -1}
          @click=${() => (this.tab = tab)}
        >
          ${label[tab]}
          ${count > 0 ? html`<span class="unread" aria-label=${i18n.t('team.unread', { count })}>${i18n.number(count)}</span>` : nothing}
        </button>`;
      })}
    </div>`;
  }

  override render() {
    const me = this.me;
    if (!me?.team) return nothing;
    const { i18n } = this;
    return html`
      <div class="head">
        <h2>${me.team.name}</h2>
        ${
          this.drawer
            ? html`<button class="btn ghost close" type="button" aria-label=${i18n.t('team.panel.close')} @click=${() =>
                this.dispatchEvent(new CustomEvent('jam-panel-close', { bubbles: true, composed: true }))}>×</button>`
            : nothing
        }
      </div>
      ${this.renderTabs()}
      <div role="tabpanel" class="chat" id="panel-chat" aria-labelledby="tab-chat" ?hidden=${this.tab !== 'chat'}>
        <jam-chat channel="team" player-id=${me.player.id} content-lang=${this.contentLang}></jam-chat>
      </div>
      <div role="tabpanel" class="chat" id="panel-support" aria-labelledby="tab-support" ?hidden=${this.tab !== 'support'}>
        <p class="intro muted">${i18n.t('support.intro')}</p>
        <jam-chat channel="support" player-id=${me.player.id} content-lang=${this.contentLang}></jam-chat>
      </div>
      <div role="tabpanel" id="panel-activity" aria-labelledby="tab-activity" ?hidden=${this.tab !== 'activity'}>
        ${
          this.activity.length === 0
            ? html`<p class="muted">${i18n.t('activity.empty')}</p>`
            : html`<ol class="activity">${this.activity.map((item) => this.renderActivityItem(item))}</ol>`
        }
        ${
          this.announcements.length > 0
            ? html`<h3>${i18n.t('activity.announcements')}</h3>
              <ul class="announcements">
                ${this.announcements.map(
                  (a) => html`<li class="notice ${a.level === 'warning' ? 'warning' : ''}">
                    <time class="muted" datetime=${a.at}>${i18n.time(a.at)}</time>
                    <div class="announcement-text">${localized(a.texts, i18n.lang) || a.text}</div>
                  </li>`,
                )}
              </ul>`
            : nothing
        }
      </div>
      <div role="tabpanel" id="panel-members" aria-labelledby="tab-members" ?hidden=${this.tab !== 'members'}>
        <jam-team-card .me=${me}></jam-team-card>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-team-panel': JamTeamPanel;
  }
  interface GlobalEventHandlersEventMap {
    'jam-panel-close': CustomEvent<void>;
    'jam-unread-change': CustomEvent<{ count: number }>;
  }
}
