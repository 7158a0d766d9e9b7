import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiError, getEvent, getMe } from '../api.ts';
import type { EventInfo, Me } from '../api-types.ts';
import '../components/jam-clock.ts';
import '../components/jam-connection-dot.ts';
import '../components/jam-language-switch.ts';
import '../components/jam-live-region.ts';
import type { JamLiveRegion } from '../components/jam-live-region.ts';
import '../components/jam-toast-stack.ts';
import type { JamToastStack } from '../components/jam-toast-stack.ts';
import { LocalizeController } from '../i18n/index.ts';
import { StreamController, type ConnectionState } from '../realtime.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import './jam-join-view.ts';

/**
 * The player app shell at `/`: top bar (event, clock, language, connection), announcements
 * as toasts, and the join form until the player has joined.
 */
@customElement('jam-app')
export class JamApp extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      header {
        display: flex;
        align-items: center;
        gap: var(--jam-space-4);
        padding: var(--jam-space-2) var(--jam-space-5);
        background: var(--jam-color-surface);
        border-bottom: 1px solid var(--jam-color-border);
      }
      .name {
        margin: 0;
        margin-inline-end: auto;
        font-size: var(--jam-font-size-lg);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      jam-clock {
        font-size: var(--jam-font-size-2xl);
      }
      main {
        padding: var(--jam-space-4);
      }
      .card {
        max-width: 36rem;
        margin: var(--jam-space-7) auto;
        padding: var(--jam-space-5);
        background: var(--jam-color-surface);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-lg);
      }
      .card h1 {
        margin-top: 0;
      }
      .muted {
        color: var(--jam-color-text-muted);
      }
    `,
  ];

  @state() private event: EventInfo | null = null;
  @query('jam-toast-stack') private toasts!: JamToastStack;
  @query('jam-live-region') private live!: JamLiveRegion;

  private readonly i18n = new LocalizeController(this);
  private lastConnection: ConnectionState = 'connecting';
  private readonly stream = new StreamController(
    this,
    {
      clock: (event) => (this.event = event),
      announcement: (a) =>
        this.toasts?.show({
          title: this.i18n.t('toast.announcement'),
          message: a.text,
          variant: a.level === 'warning' ? 'warning' : 'info',
          duration: 0,
        }),
    },
    { onResync: () => void this.reload() },
  );

  private readonly me = new Task(this, {
    task: async (_args, { signal }) => {
      try {
        return await getMe({ signal });
      } catch (error) {
        // Not joined yet: the join form is the answer, not an error.
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
        throw error;
      }
    },
    args: () => [],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  private async reload(): Promise<void> {
    void this.me.run();
    try {
      this.event = await getEvent();
    } catch {
      // The clock stays hidden until the event loads; the connection dot tells the story.
    }
  }

  protected override updated(): void {
    // Announce connection changes once, not on every render.
    if (this.stream.state === this.lastConnection) return;
    if (this.stream.state === 'reconnecting') this.live?.announce(this.i18n.t('connection.reconnecting'));
    if (this.stream.state === 'open' && this.lastConnection === 'reconnecting') {
      this.live?.announce(this.i18n.t('connection.restored'));
    }
    this.lastConnection = this.stream.state;
  }

  private handleTone(event: CustomEvent<{ tone: string }>): void {
    if (event.detail.tone === 'amber') this.live.announce(this.i18n.t('clock.amberWarning'));
    if (event.detail.tone === 'red') this.live.announce(this.i18n.t('clock.redWarning'));
  }

  private renderSignedIn(me: Me) {
    return html`<section class="card">
      <h1>${this.i18n.t('join.welcome', { name: me.player.displayName })}</h1>
      <p>${me.team ? this.i18n.t('join.teamLine', { team: me.team.name }) : this.i18n.t('join.noTeam')}</p>
      ${this.event?.state === 'draft' ? html`<p class="muted">${this.i18n.t('lobby.waiting')}</p>` : nothing}
    </section>`;
  }

  override render() {
    const code = new URLSearchParams(location.search).get('code') ?? '';
    return html`
      <header>
        <p class="name">${this.event?.name || this.i18n.t('app.name')}</p>
        ${this.event
          ? html`<jam-clock
              .state=${this.event.state}
              .endsAt=${this.event.endsAt}
              .startsAt=${this.event.startsAt}
              .serverNow=${this.event.serverNow}
              @jam-clock-tone=${this.handleTone}
            ></jam-clock>`
          : nothing}
        <jam-language-switch></jam-language-switch>
        <jam-connection-dot .state=${this.stream.state}></jam-connection-dot>
      </header>
      <main>
        ${this.me.render({
          pending: () => html`<p class="card muted">${this.i18n.t('common.loading')}</p>`,
          complete: (me) =>
            me ? this.renderSignedIn(me) : html`<jam-join-view event-code=${code} @jam-joined=${() => void this.me.run()}></jam-join-view>`,
          error: () => html`<section class="card" role="alert">
            <p>${this.i18n.t('common.networkError')}</p>
            <button class="btn" type="button" @click=${() => void this.reload()}>${this.i18n.t('common.retry')}</button>
          </section>`,
        })}
      </main>
      <jam-toast-stack></jam-toast-stack>
      <jam-live-region></jam-live-region>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-app': JamApp;
  }
}
