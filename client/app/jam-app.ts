import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, getEvent, getMe } from '../api.ts';
import type { EventInfo, Me } from '../api-types.ts';
import '../components/jam-language-switch.ts';
import { isLang, LocalizeController, setLang } from '../i18n/index.ts';
import { base, buttons } from '../styles/shared.ts';
import './jam-game.ts';
import './jam-join-view.ts';
import { playerStyles } from './player.styles.ts';

/**
 * The player app at `/`: asks the server who is calling, shows the join form until the
 * player has joined, then the game. The server keeps the player's language, so a joined
 * player sees the app in it on any device (unless `?lang=` says otherwise).
 */
@customElement('jam-app')
export class JamApp extends LitElement {
  static override styles = [
    base,
    buttons,
    playerStyles,
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
        min-height: 4rem;
        background: var(--jam-color-surface);
        border-bottom: 1px solid var(--jam-color-border);
      }
      .name {
        margin: 0 auto 0 0;
        font-size: var(--jam-font-size-lg);
        font-weight: var(--jam-font-weight-bold);
      }
      .card {
        max-width: 36rem;
        margin: var(--jam-space-7) auto;
      }
    `,
  ];

  /** undefined while asking, null when not joined. */
  @state() private me: Me | null | undefined = undefined;
  @state() private event: EventInfo | null = null;
  @state() private failed = false;
  private readonly i18n = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.failed = false;
    try {
      const me = await getMe();
      if (!new URLSearchParams(location.search).has('lang') && isLang(me.player.language)) setLang(me.player.language);
      this.me = me;
    } catch (error) {
      // Not joined yet (or the session expired): the join form is the answer, not an error.
      if (error instanceof ApiError && error.status === 401) {
        this.me = null;
        void this.loadEvent();
      } else {
        this.failed = true;
      }
    }
  }

  private async loadEvent(): Promise<void> {
    try {
      this.event = await getEvent();
    } catch {
      // The join form works without the event's name.
    }
  }

  private handleJoined(): void {
    // The code in the address was for joining; a reload should not prefill it again.
    const url = new URL(location.href);
    if (url.searchParams.has('code')) {
      url.searchParams.delete('code');
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    }
    void this.load();
  }

  override render() {
    const { i18n } = this;
    if (this.me) return html`<jam-game .me=${this.me} @jam-signed-out=${() => void this.load()}></jam-game>`;
    const code = new URLSearchParams(location.search).get('code') ?? '';
    return html`
      <header>
        <p class="name">${this.event?.name || i18n.t('app.name')}</p>
        <jam-language-switch></jam-language-switch>
      </header>
      <main>
        ${
          this.failed
            ? html`<section class="card surface" role="alert">
              <p>${i18n.t('common.networkError')}</p>
              <button class="btn" type="button" @click=${() => void this.load()}>${i18n.t('common.retry')}</button>
            </section>`
            : this.me === null
              ? html`<jam-join-view event-code=${code} @jam-joined=${this.handleJoined}></jam-join-view>`
              : html`<p class="card muted" role="status">${i18n.t('common.loading')}</p>`
        }
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-app': JamApp;
  }
}
