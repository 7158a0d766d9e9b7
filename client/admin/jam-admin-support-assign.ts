import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { notify, notifyError } from './admin-events.ts';
import { adminSection } from './admin.styles.ts';
import './jam-confirm.ts';
import { atLeast, claimThread, getStaff, handOverThread, releaseThread, type SignedInStaff, type StaffMember, type ThreadState } from './staff-api.ts';

/**
 * Who has a support thread, and passing it on: take it, release it, or hand it to a named
 * colleague with a note (they are told at once). Only the holder or a facilitator may pass
 * on someone's thread, so the buttons follow that.
 *
 * @fires jam-thread-changed - the assignee changed; the inbox and thread should reload
 * @fires jam-admin-notice - done, or the server's error
 */
@customElement('jam-admin-support-assign')
export class JamAdminSupportAssign extends LitElement {
  static override styles = [
    adminSection,
    css`
      :host {
        display: grid;
        gap: var(--jam-space-2);
      }
      .note {
        padding: var(--jam-space-2) var(--jam-space-3);
        border-inline-start: 3px solid var(--jam-color-warning);
        background: var(--jam-color-surface-raised);
        border-radius: var(--jam-radius-sm);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The thread's state (assignee, handover note). */
  @property({ attribute: false }) thread!: ThreadState;
  /** The team's name, for the messages. */
  @property() team = '';
  /** The signed-in person. */
  @property({ attribute: false }) me: SignedInStaff | null = null;

  @state() private handingOver = false;
  @state() private colleagues: StaffMember[] = [];
  @state() private to = '';
  @state() private note = '';
  @state() private busy = false;
  @state() private error = '';
  private readonly i18n = new LocalizeController(this);

  private changed(message: string): void {
    notify(this, message);
    this.dispatchEvent(new CustomEvent('jam-thread-changed', { bubbles: true, composed: true }));
  }

  private async run(action: () => Promise<unknown>, done: string): Promise<void> {
    this.busy = true;
    try {
      await action();
      this.changed(done);
    } catch (error) {
      notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private async openHandover(): Promise<void> {
    this.error = '';
    this.note = '';
    this.handingOver = true;
    try {
      this.colleagues = (await getStaff()).staff.filter((s) => s.revokedAt === null && s.id !== this.me?.id);
      this.to = String(this.colleagues[0]?.id ?? '');
    } catch (error) {
      this.error = notifyError(this, error);
    }
  }

  private async handleHandover(): Promise<void> {
    const to = this.colleagues.find((s) => String(s.id) === this.to);
    if (!to) return;
    this.busy = true;
    this.error = '';
    try {
      await handOverThread(this.thread.teamId, to.id, this.note.trim());
      this.handingOver = false;
      this.changed(this.i18n.t('admin.support.handedOver', { team: this.team, name: to.name }));
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private renderDialog() {
    const { i18n } = this;
    return html`<jam-confirm
      .open=${this.handingOver}
      .label=${i18n.t('admin.support.handover.title', { team: this.team })}
      .paragraphs=${[this.colleagues.length > 0 ? i18n.t('admin.support.handover.body') : i18n.t('admin.support.handover.noOne')]}
      .confirmLabel=${i18n.t('admin.support.handover.action')}
      .busy=${this.busy || this.colleagues.length === 0}
      .error=${this.error}
      @jam-confirm=${this.handleHandover}
      @jam-cancel=${() => (this.handingOver = false)}
    >
      ${
        this.colleagues.length > 0
          ? html`<label class="field">
              <span>${i18n.t('admin.support.handover.to')}</span>
              <select name="to" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLSelectElement).value)}>
                ${this.colleagues.map((s) => html`<option value=${s.id} ?selected=${String(s.id) === this.to}>${s.name} (${i18n.t(`admin.role.${s.role}`)})</option>`)}
              </select>
            </label>
            <label class="field">
              <span>${i18n.t('admin.support.handover.note')}</span>
              <textarea name="note" rows="3" maxlength="500" .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>`
          : nothing
      }
    </jam-confirm>`;
  }

  private handoverText(handover: NonNullable<ThreadState['handover']>): string {
    const name = handover.byName ?? '';
    return handover.note ? this.i18n.t('admin.support.handoverNote', { name, note: handover.note }) : this.i18n.t('admin.support.handoverNoNote', { name });
  }

  override render() {
    const { i18n, thread } = this;
    const mine = thread.assignee?.id === this.me?.id;
    const canPassOn = thread.assignee === null || mine || atLeast(this.me?.role, 'facilitator');
    return html`
      <div class="row-actions">
        ${
          thread.assignee === null
            ? html`<span class="chip warning">${i18n.t('admin.support.unassigned')}</span>`
            : html`<span class="chip ${mine ? 'success' : ''}">${mine ? i18n.t('admin.support.withYou') : i18n.t('admin.support.with', { name: thread.assignee.name })}</span>`
        }
        ${
          thread.assignee === null
            ? html`<button class="btn small primary" type="button" ?disabled=${this.busy} @click=${() =>
                void this.run(() => claimThread(thread.teamId), i18n.t('admin.support.claimed', { team: this.team }))}>
                ${i18n.t('admin.support.claim')}
              </button>`
            : nothing
        }
        ${
          thread.assignee !== null && canPassOn
            ? html`<button class="btn small" type="button" ?disabled=${this.busy} @click=${() =>
                void this.run(() => releaseThread(thread.teamId), i18n.t('admin.support.released', { team: this.team }))}>
                ${i18n.t('admin.support.release')}
              </button>`
            : nothing
        }
        ${canPassOn ? html`<button class="btn small" type="button" ?disabled=${this.busy} @click=${() => void this.openHandover()}>${i18n.t('admin.support.handOver')}</button>` : nothing}
      </div>
      ${thread.handover && thread.assignee ? html`<p class="note small">${this.handoverText(thread.handover)}</p>` : nothing}
      ${this.renderDialog()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-support-assign': JamAdminSupportAssign;
  }
  interface GlobalEventHandlersEventMap {
    'jam-thread-changed': CustomEvent<void>;
  }
}
