import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDateTime, LocalizeController } from '../i18n/index.ts';
import { signedOutCheck } from './admin-events.ts';
import { detailsText, errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import { getAudit, type AuditEntry } from './staff-api.ts';

const PAGE = 50;

/**
 * The audit log (owner), on the staff page: who did what and when, newest first, 50 at a
 * time with older pages on request. Each row names the person (or the process, such as
 * `startup`). It loads when shown and on Refresh, not live: a start burst would otherwise
 * reload it for every player placed.
 */
@customElement('jam-admin-audit')
export class JamAdminAudit extends LitElement {
  static override styles = [
    adminSection,
    css`
      :host {
        display: block;
        margin-top: var(--jam-space-6);
      }
      td.action,
      td.target {
        font-family: var(--jam-font-family-mono);
        font-size: var(--jam-font-size-sm);
        white-space: nowrap;
      }
      td.details {
        font-size: var(--jam-font-size-sm);
        overflow-wrap: anywhere;
      }
      .more {
        margin-top: var(--jam-space-3);
      }
    `,
  ];

  @state() private entries: AuditEntry[] = [];
  @state() private next: number | null = null;
  @state() private loading = false;
  @state() private error = '';
  private readonly i18n = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(before?: number): Promise<void> {
    this.loading = true;
    try {
      const page = await getAudit(PAGE, before);
      // Refresh starts over at the newest; "Older" appends the next page.
      this.entries = before === undefined ? page.entries : [...this.entries, ...page.entries];
      this.next = page.nextBefore;
      this.error = '';
    } catch (error) {
      signedOutCheck(this, error);
      this.error = errorText(error);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const { i18n } = this;
    return html`
      <div class="section-head">
        <h2 id="audit-title">${i18n.t('admin.audit.title')}</h2>
        <button class="btn small" type="button" @click=${() => void this.load()}>${i18n.t('admin.refresh')}</button>
      </div>
      <p class="muted small">${i18n.t('admin.audit.intro')}</p>
      ${this.error ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: this.error })}</p>` : nothing}
      ${
        this.entries.length === 0
          ? html`<p class="empty">${i18n.t(this.loading ? 'common.loading' : 'admin.audit.empty')}</p>`
          : html`<div class="table-wrap">
            <table aria-labelledby="audit-title">
              <thead>
                <tr>
                  <th scope="col">${i18n.t('admin.audit.at')}</th>
                  <th scope="col">${i18n.t('admin.audit.actor')}</th>
                  <th scope="col">${i18n.t('admin.audit.action')}</th>
                  <th scope="col">${i18n.t('admin.audit.target')}</th>
                  <th scope="col">${i18n.t('admin.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.entries.map(
                  (e) => html`<tr data-audit-id=${e.id}>
                    <td>${formatDateTime(e.at, i18n.lang)}</td>
                    <td>${e.actorId === null ? html`<span class="muted">${e.actor}</span>` : e.actor}</td>
                    <td class="action">${e.action}</td>
                    <td class="target">${e.target ?? ''}</td>
                    <td class="details">${detailsText(e.details)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
      ${
        this.next !== null
          ? html`<button class="btn small more" type="button" ?disabled=${this.loading} @click=${() => void this.load(this.next ?? undefined)}>
            ${i18n.t('admin.audit.older')}
          </button>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-audit': JamAdminAudit;
  }
}
