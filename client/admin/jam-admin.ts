import { html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import '../components/jam-connection-dot.ts';
import '../components/jam-language-switch.ts';
import '../components/jam-live-region.ts';
import type { JamLiveRegion } from '../components/jam-live-region.ts';
import '../components/jam-toast-stack.ts';
import type { JamToastStack } from '../components/jam-toast-stack.ts';
import { LocalizeController } from '../i18n/index.ts';
import { streamHub, type ConnectionState } from '../realtime.ts';
import { ADMIN_STREAM, adminLogin, adminLogout, adminSession, getAdminEvent, getSupportInbox, type AdminEvent } from './admin-api.ts';
import { notifyError, type AdminNotice } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { shellStyles } from './jam-admin.styles.ts';
import { atLeast, type SignedInStaff } from './staff-api.ts';
import './jam-admin-event-bar.ts';
import './jam-admin-tabs.ts';

type Phase = 'checking' | 'signed-out' | 'signed-in';

/**
 * The admin console at `/admin`: sign-in with the admin token, then the event bar and the
 * console's sections. The stream opens only once signed in, so the server sees the admin
 * session on it and sends the admin-only events (submissions, support).
 */
@customElement('jam-admin')
export class JamAdmin extends LitElement {
  static override styles = shellStyles;

  @state() private phase: Phase = 'checking';
  @state() private busy = false;
  @state() private loginError = '';
  @state() private event: AdminEvent | null = null;
  /** Who is signed in, with the role that decides what the console offers. */
  @state() private staff: SignedInStaff | null = null;
  @state() private unread = 0;
  @state() private connection: ConnectionState = 'connecting';

  @query('jam-toast-stack') private toasts!: JamToastStack;
  @query('jam-live-region') private live!: JamLiveRegion;
  private readonly i18n = new LocalizeController(this);
  private unsubscribe: (() => void) | undefined;
  private boundaryTimer: ReturnType<typeof setTimeout> | undefined;
  private unreadByTeam = new Map<number, number>();

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('jam-admin-notice', this.handleNotice);
    this.addEventListener('jam-admin-event', this.handleEvent);
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('jam-admin-notice', this.handleNotice);
    this.removeEventListener('jam-admin-event', this.handleEvent);
    this.stopLive();
  }

  private async checkSession(): Promise<void> {
    try {
      const { admin, staff } = await adminSession();
      if (admin && staff) return this.enter(staff);
    } catch {
      // Unknown: offer the sign-in form, which reports a network failure by itself.
    }
    this.phase = 'signed-out';
  }

  private enter(staff: SignedInStaff): void {
    this.staff = staff;
    this.phase = 'signed-in';
    this.unsubscribe?.();
    this.unsubscribe = streamHub(ADMIN_STREAM).subscribe({
      handlers: {
        clock: () => void this.loadEvent(),
        support: (thread) => {
          void this.loadUnread(true);
          const handover = thread.handover;
          if (handover && handover.toId === this.staff?.id) {
            const params = { from: handover.fromName, team: handover.teamName, note: handover.note ?? '' };
            this.show({ message: this.i18n.t(handover.note ? 'admin.support.handedToYouNote' : 'admin.support.handedToYou', params), variant: 'warning' });
          }
        },
        // The rehearsal was reset: unread counts and the clock start over.
        restart: () => {
          void this.loadEvent();
          void this.loadUnread(false);
        },
        staff: (change) => {
          if (change.reason === 'revoked' && change.staffId === this.staff?.id) this.signOut(this.i18n.t('admin.revokedSelf'));
        },
      },
      onResync: () => {
        void this.loadEvent();
        void this.loadUnread(false);
      },
      onState: (state) => {
        this.connection = state;
        // The stream dropped: if the session went with it (revoked, expired), say so now
        // rather than at the next click.
        if (state === 'reconnecting') void this.probeSession();
      },
    });
    void this.loadEvent();
    void this.loadUnread(false);
  }

  private async probeSession(): Promise<void> {
    try {
      const { admin } = await adminSession();
      if (!admin && this.phase === 'signed-in') this.signOut(this.i18n.t('admin.sessionExpired'));
    } catch {
      // The server is away: the connection dot says so; the session is checked again later.
    }
  }

  private stopLive(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.boundaryTimer);
  }

  private signOut(message = ''): void {
    this.stopLive();
    this.phase = 'signed-out';
    this.event = null;
    this.staff = null;
    this.loginError = message;
  }

  private async loadEvent(): Promise<void> {
    try {
      this.setEvent(await getAdminEvent());
    } catch (error) {
      notifyError(this, error);
    }
  }

  /**
   * The time running out and a scheduled freeze send no stream event, so the bar asks again
   * just after the next of those moments.
   */
  private setEvent(event: AdminEvent): void {
    this.event = event;
    clearTimeout(this.boundaryTimer);
    const now = Date.parse(event.serverNow);
    const next = [event.state === 'running' ? event.endsAt : null, event.frozen ? null : event.freezeAt]
      .map((at) => (at ? Date.parse(at) - now : -1))
      .filter((ms) => ms > 0)
      .sort((a, b) => a - b)[0];
    if (next !== undefined && next < 2 ** 31 - 1000) this.boundaryTimer = setTimeout(() => void this.loadEvent(), next + 500);
  }

  private async loadUnread(announceNew: boolean): Promise<void> {
    try {
      const { threads } = await getSupportInbox();
      const before = this.unreadByTeam;
      this.unreadByTeam = new Map(threads.map((t) => [t.teamId, t.unread]));
      this.unread = threads.reduce((sum, t) => sum + t.unread, 0);
      if (!announceNew) return;
      for (const thread of threads) {
        if (thread.unread > (before.get(thread.teamId) ?? 0)) {
          this.show({ message: this.i18n.t('admin.support.newMessage', { team: thread.teamName }), variant: 'info' });
        }
      }
    } catch {
      // The count stays as it was; the support tab shows its own errors.
    }
  }

  private readonly handleNotice = (event: CustomEvent<AdminNotice>): void => {
    if (event.detail.signedOut) return this.signOut(this.i18n.t('admin.sessionExpired'));
    this.show(event.detail);
  };

  private readonly handleEvent = (event: CustomEvent<AdminEvent>): void => {
    this.setEvent(event.detail);
  };

  private show(notice: AdminNotice): void {
    this.toasts?.show({ message: notice.message, variant: notice.variant, duration: notice.variant === 'warning' ? 10_000 : 5000 });
    this.live?.announce(notice.message);
  }

  private async handleLogin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const token = String(new FormData(event.target as HTMLFormElement).get('token') ?? '').trim();
    if (!token) return void (this.loginError = this.i18n.t('admin.login.invalid'));
    this.busy = true;
    this.loginError = '';
    try {
      const { staff } = await adminLogin(token);
      this.enter(staff);
    } catch (error) {
      this.loginError = errorText(error);
    } finally {
      this.busy = false;
    }
  }

  private async handleLogout(): Promise<void> {
    try {
      await adminLogout();
    } catch {
      // Signed out locally either way; the cookie expires by itself.
    }
    this.signOut();
  }

  private renderLogin() {
    const { i18n } = this;
    if (this.phase === 'checking') return html`<p class="checking">${i18n.t('admin.login.checking')}</p>`;
    return html`<form class="login" @submit=${this.handleLogin} novalidate>
      <h2>${i18n.t('admin.login.title')}</h2>
      <label class="field">
        <span>${i18n.t('admin.login.token')}</span>
        <input name="token" type="password" autocomplete="current-password" required aria-describedby="token-hint" />
        <span class="hint" id="token-hint">${i18n.t('admin.login.hint')}</span>
      </label>
      ${this.loginError ? html`<p class="error-text" role="alert">${this.loginError}</p>` : nothing}
      <button class="btn primary" type="submit" ?disabled=${this.busy}>${i18n.t('admin.login.submit')}</button>
    </form>`;
  }

  override render() {
    const { i18n } = this;
    const signedIn = this.phase === 'signed-in';
    return html`
      <header>
        <h1>${i18n.t('admin.title')}</h1>
        ${signedIn && this.event ? html`<span class="event-name">${this.event.name}</span>` : nothing}
        <span class="spacer"></span>
        <jam-language-switch></jam-language-switch>
        ${
          signedIn && this.staff
            ? html`<span class="who" data-role=${this.staff.role}
              >${
                this.staff.builtin
                  ? i18n.t('admin.signedInBuiltin')
                  : i18n.t('admin.signedInAs', { name: this.staff.name, role: i18n.t(`admin.role.${this.staff.role}`) })
              }</span
            >`
            : nothing
        }
        ${
          signedIn
            ? html`<jam-connection-dot .state=${this.connection}></jam-connection-dot>
              <button class="btn ghost" type="button" @click=${this.handleLogout}>${i18n.t('admin.logout')}</button>`
            : nothing
        }
      </header>
      ${
        signedIn
          ? html`<jam-admin-event-bar .event=${this.event} .canAct=${atLeast(this.staff?.role, 'facilitator')}></jam-admin-event-bar>
            <jam-admin-tabs .event=${this.event} .unread=${this.unread} .staff=${this.staff}></jam-admin-tabs>`
          : html`<main>${this.renderLogin()}</main>`
      }
      <jam-toast-stack></jam-toast-stack>
      <jam-live-region></jam-live-region>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin': JamAdmin;
  }
}
