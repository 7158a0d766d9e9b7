import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../app/jam-copy-button.ts';
import '../components/jam-dialog.ts';
import { formatDateTime, LocalizeController } from '../i18n/index.ts';
import { StreamController } from '../realtime.ts';
import { ADMIN_STREAM } from './admin-api.ts';
import { notify, notifyError, signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import './jam-admin-audit.ts';
import './jam-confirm.ts';
import { createStaff, getStaff, revokeStaff, type SignedInStaff, type StaffMember, type StaffRole } from './staff-api.ts';

const ROLES: StaffRole[] = ['support', 'facilitator', 'owner'];

/**
 * The staff page (owner): everyone with access, their role and sessions; add a person (their
 * token is shown once, to copy and hand over) and revoke one (signed out everywhere at once);
 * below, the audit log naming who did what.
 *
 * @fires jam-admin-notice - done, or the server's error
 */
@customElement('jam-admin-staff')
export class JamAdminStaff extends LitElement {
  static override styles = [
    adminSection,
    css`
      form.panel {
        margin-bottom: var(--jam-space-5);
      }
      .field.name {
        flex: 1 1 14rem;
      }
      tr.revoked > td {
        color: var(--jam-color-text-muted);
      }
      .token {
        display: flex;
        gap: var(--jam-space-2);
        align-items: center;
        margin-top: var(--jam-space-3);
      }
      .token input {
        flex: 1;
        font-family: var(--jam-font-family-mono);
      }
    `,
  ];

  /** The signed-in person (marked "You" in the list). */
  @property({ attribute: false }) me: SignedInStaff | null = null;

  @state() private name = '';
  @state() private newRole: StaffRole = 'support';
  @state() private busy = false;
  @state() private formError = '';
  @state() private issued: { name: string; token: string } | null = null;
  @state() private revoking: StaffMember | null = null;
  @state() private revokeError = '';

  private readonly i18n = new LocalizeController(this);
  private readonly data = new Task(this, {
    task: async (_args, { signal }) => (await getStaff({ signal })).staff,
    args: () => [],
    onError: (error) => signedOutCheck(this, error),
  });
  // Another owner adds or revokes someone: the list follows.
  private readonly stream = new StreamController(this, { staff: () => void this.data.run() }, { url: ADMIN_STREAM, onResync: () => void this.data.run() });

  private async handleCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = this.name.trim();
    if (!name) return void (this.formError = this.i18n.t('admin.staff.nameRequired'));
    this.busy = true;
    this.formError = '';
    try {
      const { staff, token } = await createStaff(name, this.newRole);
      this.issued = { name: staff.name, token };
      this.name = '';
      notify(this, this.i18n.t('admin.staff.created', { name: staff.name }));
      void this.data.run();
    } catch (error) {
      this.formError = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private async handleRevoke(): Promise<void> {
    const person = this.revoking;
    if (!person) return;
    this.busy = true;
    this.revokeError = '';
    try {
      await revokeStaff(person.id);
      notify(this, this.i18n.t('admin.staff.revoked', { name: person.name }));
      this.revoking = null;
      void this.data.run();
    } catch (error) {
      this.revokeError = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private renderForm() {
    const { i18n } = this;
    return html`<form class="panel" @submit=${this.handleCreate} novalidate>
      <h3>${i18n.t('admin.staff.add')}</h3>
      <div class="form-row">
        <label class="field name">
          <span>${i18n.t('admin.staff.name')}</span>
          <input name="name" maxlength="60" autocomplete="off" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>${i18n.t('admin.staff.role')}</span>
          <select name="role" .value=${this.newRole} @change=${(e: Event) => (this.newRole = (e.target as HTMLSelectElement).value as StaffRole)}>
            ${ROLES.map((role) => html`<option value=${role} ?selected=${role === this.newRole}>${i18n.t(`admin.role.${role}`)}</option>`)}
          </select>
        </label>
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${i18n.t('admin.staff.create')}</button>
      </div>
      ${this.formError ? html`<p class="error-text" role="alert">${this.formError}</p>` : nothing}
    </form>`;
  }

  private renderRow(person: StaffMember) {
    const { i18n } = this;
    const revoked = person.revokedAt !== null;
    return html`<tr class=${revoked ? 'revoked' : ''} data-staff-id=${person.id}>
      <td>
        ${person.name}
        ${person.builtin ? html`<span class="chip">${i18n.t('admin.staff.builtin')}</span>` : nothing}
        ${person.id === this.me?.id ? html`<span class="chip success">${i18n.t('admin.staff.you')}</span>` : nothing}
      </td>
      <td>${i18n.t(`admin.role.${person.role}`)}</td>
      <td class="num">${i18n.number(person.sessions)}</td>
      <td class="nowrap">${person.lastSeenAt ? formatDateTime(person.lastSeenAt, i18n.lang) : i18n.t('admin.staff.never')}</td>
      <td>${person.createdBy ?? ''}</td>
      <td>
        ${
          revoked
            ? html`<span class="chip">${i18n.t('admin.staff.revokedAt', { time: formatDateTime(person.revokedAt as string, i18n.lang) })}</span>`
            : html`<span class="chip success">${i18n.t('admin.staff.active')}</span>`
        }
      </td>
      <td>
        ${
          revoked || person.builtin
            ? nothing
            : html`<button
              class="btn small danger"
              type="button"
              aria-label=${i18n.t('admin.staff.revokeLabel', { name: person.name })}
              @click=${() => ((this.revoking = person), (this.revokeError = ''))}
            >
              ${i18n.t('admin.staff.revoke')}
            </button>`
        }
      </td>
    </tr>`;
  }

  private renderTable(staff: StaffMember[]) {
    const { i18n } = this;
    return html`<div class="table-wrap">
      <table aria-label=${i18n.t('admin.staff.list')}>
        <thead>
          <tr>
            <th scope="col">${i18n.t('admin.staff.name')}</th>
            <th scope="col">${i18n.t('admin.staff.role')}</th>
            <th class="num" scope="col">${i18n.t('admin.staff.sessions')}</th>
            <th scope="col">${i18n.t('admin.staff.lastSeen')}</th>
            <th scope="col">${i18n.t('admin.staff.addedBy')}</th>
            <th scope="col">${i18n.t('admin.staff.status')}</th>
            <th scope="col"><span class="sr-only">${i18n.t('admin.staff.revoke')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${staff.map((person) => this.renderRow(person))}
        </tbody>
      </table>
    </div>`;
  }

  private renderToken() {
    const { i18n } = this;
    const issued = this.issued;
    return html`<jam-dialog
      .open=${issued !== null}
      .label=${issued ? i18n.t('admin.staff.token.title', { name: issued.name }) : ''}
      @jam-after-close=${() => (this.issued = null)}
    >
      ${
        issued
          ? html`<p>${i18n.t('admin.staff.token.body', { name: issued.name })}</p>
            <div class="token">
              <input readonly aria-label=${i18n.t('admin.staff.token.title', { name: issued.name })} .value=${issued.token} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
              <jam-copy-button .value=${issued.token} label=${i18n.t('admin.staff.token.copy')}></jam-copy-button>
            </div>`
          : nothing
      }
      <button slot="footer" class="btn primary" type="button" @click=${() => (this.issued = null)}>${i18n.t('admin.staff.token.done')}</button>
    </jam-dialog>`;
  }

  override render() {
    const { i18n } = this;
    const staff = this.data.value;
    const revoking = this.revoking;
    return html`
      <div class="section-head">
        <h2>${i18n.t('admin.staff.title')}</h2>
        <button class="btn small" type="button" @click=${() => void this.data.run()}>${i18n.t('admin.refresh')}</button>
      </div>
      <p class="muted" style="margin-bottom: var(--jam-space-4)">${i18n.t('admin.staff.intro')}</p>
      ${this.renderForm()}
      ${this.data.error && !staff ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: errorText(this.data.error) })}</p>` : nothing}
      ${staff ? this.renderTable(staff) : this.data.error ? nothing : html`<p class="empty">${i18n.t('common.loading')}</p>`}
      <jam-admin-audit></jam-admin-audit>
      ${this.renderToken()}
      <jam-confirm
        .open=${revoking !== null}
        .label=${revoking ? i18n.t('admin.staff.revoke.title', { name: revoking.name }) : ''}
        .paragraphs=${[i18n.t('admin.staff.revoke.body')]}
        .confirmLabel=${i18n.t('admin.staff.revoke')}
        .danger=${true}
        .busy=${this.busy}
        .error=${this.revokeError}
        @jam-confirm=${this.handleRevoke}
        @jam-cancel=${() => (this.revoking = null)}
      ></jam-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-staff': JamAdminStaff;
  }
}
