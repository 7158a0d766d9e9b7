import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { base, focusRing, srOnly } from '../styles/shared.ts';
import type { AdminEvent } from './admin-api.ts';
import './jam-admin-adjustments.ts';
import './jam-admin-announcements.ts';
import './jam-admin-challenges.ts';
import './jam-admin-export.ts';
import './jam-admin-room.ts';
import './jam-admin-settings.ts';
import './jam-admin-stuck.ts';
import './jam-admin-submissions.ts';
import './jam-admin-labs.ts';
import './jam-admin-support.ts';
import './jam-admin-teams.ts';
import './jam-admin-attention.ts';
import './jam-admin-staff.ts';
import './jam-admin-reset.ts';
import { atLeast, type SignedInStaff, type StaffRole } from './staff-api.ts';

export const TABS = [
  'room',
  'teams',
  'attention',
  'submissions',
  'stuck',
  'labs',
  'support',
  'announcements',
  'challenges',
  'adjustments',
  'settings',
  'export',
  'staff',
] as const;
export type TabId = (typeof TABS)[number];

/** The least role each section is for; the console shows a person only what they may do. */
export const TAB_ROLES: Record<TabId, StaffRole> = {
  // Support staff help players join: the code, the address and the QR code are theirs too.
  room: 'support',
  teams: 'support',
  attention: 'support',
  submissions: 'facilitator',
  stuck: 'support',
  labs: 'facilitator',
  support: 'support',
  announcements: 'facilitator',
  challenges: 'owner',
  adjustments: 'owner',
  settings: 'owner',
  export: 'owner',
  staff: 'owner',
};

function tabFromHash(): TabId {
  const id = location.hash.replace(/^#/, '');
  return (TABS as readonly string[]).includes(id) ? (id as TabId) : 'teams';
}

/**
 * The console's sections as tabs (arrow keys, Home and End move between them). Only the open
 * section is in the page, so each loads fresh data when opened; the open tab is kept in the
 * address (`#submissions`) so a reload returns to it.
 */
@customElement('jam-admin-tabs')
export class JamAdminTabs extends LitElement {
  static override styles = [
    base,
    focusRing,
    srOnly,
    css`
      :host {
        display: block;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: var(--jam-space-1);
        padding: var(--jam-space-2) var(--jam-space-5) 0;
        max-width: 110rem;
        margin: 0 auto;
        border-bottom: 1px solid var(--jam-color-border);
      }
      [role='tab'] {
        display: inline-flex;
        align-items: center;
        gap: var(--jam-space-2);
        min-height: 2.5rem;
        padding: var(--jam-space-2) var(--jam-space-3);
        border: 1px solid transparent;
        border-bottom: none;
        border-radius: var(--jam-radius-md) var(--jam-radius-md) 0 0;
        background: transparent;
        color: var(--jam-color-text-muted);
        font: inherit;
        font-weight: var(--jam-font-weight-medium);
        cursor: pointer;
        margin-bottom: -1px;
      }
      /* Laptop widths: the owner's thirteen tabs fit on one line from about 1500 px, and wrap below. */
      @media (max-width: 90rem) {
        [role='tab'] {
          padding-inline: var(--jam-space-2);
          font-size: var(--jam-font-size-sm);
        }
      }
      [role='tab'][aria-selected='true'] {
        background: var(--jam-color-bg);
        border-color: var(--jam-color-border);
        color: var(--jam-color-text);
      }
      .badge {
        min-width: 1.5rem;
        padding: 0 var(--jam-space-2);
        border-radius: var(--jam-radius-pill);
        background: var(--jam-color-danger);
        color: var(--jam-color-on-accent);
        font-size: var(--jam-font-size-xs);
        font-variant-numeric: tabular-nums;
        line-height: 1.5rem;
        text-align: center;
      }
      [role='tabpanel'] {
        padding: var(--jam-space-5);
        max-width: 110rem;
        margin: 0 auto;
      }
    `,
  ];

  /** The admin view of the event, for the settings form. */
  @property({ attribute: false }) event: AdminEvent | null = null;
  /** Unread support messages across all teams. */
  @property({ type: Number }) unread = 0;
  /** Who is signed in: their role decides which sections there are. */
  @property({ attribute: false }) staff: SignedInStaff | null = null;

  @state() private active: TabId = tabFromHash();
  private readonly i18n = new LocalizeController(this);

  private select(tab: TabId, focus = false): void {
    this.active = tab;
    history.replaceState(null, '', `#${tab}`);
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private visibleTabs(): TabId[] {
    return TABS.filter((tab) => atLeast(this.staff?.role, TAB_ROLES[tab]));
  }

  private handleKeydown(event: KeyboardEvent): void {
    const tabs = this.visibleTabs();
    const focused = (event.target as HTMLElement).id.replace(/^tab-/, '') as TabId;
    const index = tabs.indexOf(tabs.includes(focused) ? focused : this.active);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(tabs[(next + tabs.length) % tabs.length] as TabId, true);
  }

  private renderPanel(tab: TabId) {
    const role = this.staff?.role ?? null;
    switch (tab) {
      case 'room':
        return html`<jam-admin-room .event=${this.event} .staffRole=${role}></jam-admin-room>`;
      case 'teams':
        return html`<jam-admin-teams .staffRole=${role}></jam-admin-teams>`;
      case 'attention':
        return html`<jam-admin-attention></jam-admin-attention>`;
      case 'staff':
        return html`<jam-admin-staff .me=${this.staff}></jam-admin-staff>`;
      case 'submissions':
        return html`<jam-admin-submissions></jam-admin-submissions>`;
      case 'stuck':
        return html`<jam-admin-stuck></jam-admin-stuck>`;
      case 'labs':
        return html`<jam-admin-labs></jam-admin-labs>`;
      case 'support':
        return html`<jam-admin-support .me=${this.staff}></jam-admin-support>`;
      case 'announcements':
        return html`<jam-admin-announcements></jam-admin-announcements>`;
      case 'challenges':
        return html`<jam-admin-challenges></jam-admin-challenges>`;
      case 'adjustments':
        return html`<jam-admin-adjustments></jam-admin-adjustments>`;
      case 'settings':
        return html`<jam-admin-settings .event=${this.event}></jam-admin-settings>`;
      case 'export':
        return html`<jam-admin-export></jam-admin-export><jam-admin-reset .event=${this.event}></jam-admin-reset>`;
    }
  }

  override render() {
    const { i18n } = this;
    const tabs = this.visibleTabs();
    // A section the person may not open (an old #hash, another role) falls back to the first.
    const active = tabs.includes(this.active) ? this.active : (tabs[0] ?? 'teams');
    return html`
      <div role="tablist" aria-label=${i18n.t('admin.tabs.label')} @keydown=${this.handleKeydown}>
        ${tabs.map((tab) => {
          const selected = tab === active;
          const badge = tab === 'support' && this.unread > 0;
          return html`<button
            role="tab"
            id="tab-${tab}"
            aria-selected=${selected ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${selected ? 0 : -1}
            @click=${() => this.select(tab)}
          >
            ${i18n.t(`admin.tab.${tab}`)}
            ${
              badge
                ? html`<span class="badge" aria-hidden="true">${i18n.number(this.unread)}</span
                  ><span class="sr-only">${i18n.t('admin.tab.unread', { count: this.unread })}</span>`
                : nothing
            }
          </button>`;
        })}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${active}">${this.renderPanel(active)}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-tabs': JamAdminTabs;
  }
}
