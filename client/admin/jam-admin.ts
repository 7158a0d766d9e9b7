import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { adminLogin, ApiError, getEvent } from '../api.ts';
import type { EventInfo } from '../api-types.ts';
import '../components/jam-clock.ts';
import '../components/jam-connection-dot.ts';
import '../components/jam-language-switch.ts';
import { LocalizeController, type MessageKey } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { base, buttons, fields, focusRing } from '../styles/shared.ts';

/**
 * The admin console at `/admin`: sign-in with the admin token, then the event's state and
 * clock, kept live from the stream.
 */
@customElement('jam-admin')
export class JamAdmin extends LitElement {
  static override styles = [
    base,
    buttons,
    fields,
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
      h1 {
        margin: 0 auto 0 0;
        font-size: var(--jam-font-size-lg);
      }
      form,
      .status {
        display: grid;
        gap: var(--jam-space-4);
        max-width: 28rem;
        margin: var(--jam-space-7) auto;
        padding: var(--jam-space-5);
        background: var(--jam-color-surface);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-lg);
      }
      h2 {
        margin: 0;
      }
      .chips {
        display: flex;
        gap: var(--jam-space-2);
      }
      .chip {
        padding: var(--jam-space-1) var(--jam-space-3);
        border-radius: var(--jam-radius-pill);
        background: var(--jam-color-surface-raised);
        font-weight: var(--jam-font-weight-medium);
      }
      jam-clock {
        font-size: var(--jam-font-size-3xl);
      }
    `,
  ];

  @state() private signedIn = false;
  @state() private busy = false;
  @state() private error: MessageKey | null = null;
  @state() private event: EventInfo | null = null;

  private readonly i18n = new LocalizeController(this);
  private readonly stream = new StreamController(this, { clock: (event) => (this.event = event) }, { onResync: () => void this.loadEvent() });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadEvent();
  }

  private async loadEvent(): Promise<void> {
    try {
      this.event = await getEvent();
    } catch {
      // Shown as the connection dot; the next stream resync tries again.
    }
  }

  private async handleLogin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const token = String(new FormData(event.target as HTMLFormElement).get('token') ?? '').trim();
    if (!token) return void (this.error = 'admin.login.invalid');
    this.busy = true;
    this.error = null;
    try {
      await adminLogin(token);
      this.signedIn = true;
    } catch (error) {
      this.error = error instanceof ApiError && error.status === 0 ? 'common.networkError' : 'admin.login.invalid';
    } finally {
      this.busy = false;
    }
  }

  private renderLogin() {
    const { i18n } = this;
    return html`<form @submit=${this.handleLogin} novalidate>
      <h2>${i18n.t('admin.login.title')}</h2>
      <label class="field">
        <span>${i18n.t('admin.login.token')}</span>
        <input name="token" type="password" autocomplete="current-password" required />
        <span class="hint">${i18n.t('admin.login.hint')}</span>
      </label>
      ${this.error ? html`<p class="error-text" role="alert">${i18n.t(this.error)}</p>` : nothing}
      <button class="btn primary" type="submit" ?disabled=${this.busy}>${i18n.t('admin.login.submit')}</button>
    </form>`;
  }

  private renderStatus() {
    const event = this.event;
    if (!event) return html`<p class="status">${this.i18n.t('common.loading')}</p>`;
    return html`<section class="status" aria-label=${this.i18n.t('admin.eventBar.label')}>
      <h2>${event.name}</h2>
      <div class="chips">
        <span class="chip">${this.i18n.t('admin.eventBar.state', { state: this.i18n.t(`event.state.${event.state}`) })}</span>
        ${event.frozen ? html`<span class="chip">${this.i18n.t('event.frozen')}</span>` : nothing}
        ${event.revealed ? html`<span class="chip">${this.i18n.t('event.revealed')}</span>` : nothing}
      </div>
      <jam-clock
        .state=${event.state}
        .endsAt=${event.endsAt}
        .startsAt=${event.startsAt}
        .serverNow=${event.serverNow}
      ></jam-clock>
    </section>`;
  }

  override render() {
    return html`
      <header>
        <h1>${this.i18n.t('admin.title')}</h1>
        <jam-language-switch></jam-language-switch>
        <jam-connection-dot .state=${this.stream.state}></jam-connection-dot>
      </header>
      <main>${this.signedIn ? this.renderStatus() : this.renderLogin()}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin': JamAdmin;
  }
}
