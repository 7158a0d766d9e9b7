import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LocalizeController } from '../i18n/index.ts';
import { getLabCalls, getTeams, type AdminTeam, type LabCall, type LabCallFilter } from './admin-api.ts';
import { signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';

const PAGE = 100;
const MAX_LIVE = 500;
/** Lab calls are many and cheap: the view asks for newer ones every few seconds instead of a stream event per call. */
const POLL_MS = 3_000;

/**
 * Lab activity: every call a team made to a lab, newest first, with the service, operation,
 * status and AWS error code, so a facilitator sees where a team is stuck ("they keep calling
 * PutRecord and getting throttled"). Filter by team, service, operation, or errors only.
 */
@customElement('jam-admin-labs')
export class JamAdminLabs extends LitElement {
  static override styles = [
    adminSection,
    css`
      .filters {
        margin-bottom: var(--jam-space-4);
      }
      tr.error > td:first-child {
        box-shadow: inset 4px 0 0 var(--jam-color-warning);
      }
      .more {
        margin-top: var(--jam-space-3);
        text-align: center;
      }
    `,
  ];

  @state() private filter: LabCallFilter = {};
  @state() private items: LabCall[] = [];
  @state() private nextBefore: number | null = null;
  @state() private loading = true;
  @state() private error = '';
  @state() private teams: AdminTeam[] = [];
  private request = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly i18n = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    getTeams()
      .then((teams) => (this.teams = teams.teams))
      .catch((error: unknown) => signedOutCheck(this, error));
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async load(before?: number): Promise<void> {
    const id = ++this.request;
    this.loading = true;
    try {
      const page = await getLabCalls({ ...this.filter, limit: PAGE, ...(before !== undefined && { before }) });
      if (id !== this.request) return;
      this.items = before === undefined ? page.requests : [...this.items, ...page.requests];
      this.nextBefore = page.nextBefore;
      this.error = '';
    } catch (error) {
      if (id !== this.request) return;
      this.error = errorText(error);
      signedOutCheck(this, error);
    } finally {
      if (id === this.request) this.loading = false;
    }
  }

  /** Calls newer than the newest shown, on top. */
  private async poll(): Promise<void> {
    if (this.loading || document.hidden) return;
    const id = this.request;
    const newest = this.items[0]?.id ?? 0;
    try {
      const page = await getLabCalls({ ...this.filter, limit: PAGE, after: newest });
      if (id !== this.request || page.requests.length === 0) return;
      const known = new Set(this.items.map((i) => i.id));
      this.items = [...page.requests.filter((r) => !known.has(r.id)), ...this.items].slice(0, MAX_LIVE);
    } catch (error) {
      signedOutCheck(this, error);
    }
  }

  private setFilter(change: Partial<LabCallFilter>): void {
    const next: LabCallFilter = { ...this.filter, ...change };
    for (const key of Object.keys(next) as (keyof LabCallFilter)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    this.filter = next;
    void this.load();
  }

  private renderFilters() {
    const { i18n, filter } = this;
    const text = (key: 'service' | 'operation') => (e: Event) => this.setFilter({ [key]: (e.target as HTMLInputElement).value.trim() || undefined });
    return html`<form class="form-row filters" aria-label=${i18n.t('admin.labs.filter.label')} @submit=${(e: Event) => e.preventDefault()}>
      <label class="field">
        <span>${i18n.t('admin.subs.filter.team')}</span>
        <select @change=${(e: Event) => this.setFilter({ teamId: Number((e.target as HTMLSelectElement).value) || undefined })}>
          <option value="">${i18n.t('admin.subs.filter.allTeams')}</option>
          ${this.teams.map((t) => html`<option value=${t.id} ?selected=${filter.teamId === t.id}>${t.name}</option>`)}
        </select>
      </label>
      <label class="field">
        <span>${i18n.t('admin.labs.col.service')}</span>
        <input type="text" placeholder="kinesis" .value=${filter.service ?? ''} @change=${text('service')} />
      </label>
      <label class="field">
        <span>${i18n.t('admin.labs.col.operation')}</span>
        <input type="text" placeholder="PutRecord" .value=${filter.operation ?? ''} @change=${text('operation')} />
      </label>
      <label class="choice">
        <input type="checkbox" .checked=${filter.errors === true} @change=${(e: Event) => this.setFilter({ errors: (e.target as HTMLInputElement).checked || undefined })} />
        ${i18n.t('admin.labs.filter.errors')}
      </label>
    </form>`;
  }

  private renderRow(call: LabCall) {
    const { i18n } = this;
    const failed = call.status >= 400;
    return html`<tr class=${failed ? 'error' : ''} data-lab-call-id=${call.id}>
      <td class="nowrap tabular"><time datetime=${call.at}>${i18n.time(call.at)}</time></td>
      <td>${call.teamName ?? i18n.t('admin.labs.unknownTeam')}</td>
      <td class="mono nowrap">${call.lab}</td>
      <td class="mono">${call.service ?? ''}</td>
      <td class="mono">${call.operation ?? `${call.method} ${call.path}`}</td>
      <td class="tabular">
        <span class="chip ${failed ? 'warning' : 'success'}">${call.status}</span>
        ${call.errorCode ? html`<span class="small mono">${call.errorCode}</span>` : nothing}
      </td>
    </tr>`;
  }

  override render() {
    const { i18n } = this;
    return html`
      <div class="section-head">
        <h2>${i18n.t('admin.labs.title')}</h2>
        <span class="small muted">${i18n.t('admin.labs.liveHint')}</span>
      </div>
      ${this.renderFilters()}
      ${this.error ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: this.error })}</p>` : nothing}
      ${
        this.items.length === 0
          ? html`<p class="panel empty">${this.loading ? i18n.t('common.loading') : i18n.t('admin.labs.empty')}</p>`
          : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${i18n.t('admin.subs.col.time')}</th>
                  <th scope="col">${i18n.t('admin.subs.col.team')}</th>
                  <th scope="col">${i18n.t('admin.labs.col.lab')}</th>
                  <th scope="col">${i18n.t('admin.labs.col.service')}</th>
                  <th scope="col">${i18n.t('admin.labs.col.operation')}</th>
                  <th scope="col">${i18n.t('admin.labs.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  this.items,
                  (c) => c.id,
                  (c) => this.renderRow(c),
                )}
              </tbody>
            </table>
          </div>`
      }
      ${
        this.nextBefore !== null
          ? html`<div class="more">
            <button class="btn small" type="button" ?disabled=${this.loading} @click=${() => void this.load(this.nextBefore ?? undefined)}>
              ${i18n.t('admin.loadOlder')}
            </button>
          </div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-labs': JamAdminLabs;
  }
}
