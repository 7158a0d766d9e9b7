import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import '../app/jam-copy-button.ts';
import { LocalizeController } from '../i18n/index.ts';
import { displayUrl, isPlainSvg } from '../screen/screen-state.ts';
import { type AdminEvent, getRoomSetup, type RoomSetup, updateScreen } from './admin-api.ts';
import { atLeast, type StaffRole } from './staff-api.ts';
import { eventChanged, notify, notifyError, signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';

type ScreenLanguage = 'en' | 'ja' | 'both' | '';

/**
 * The room, for the facilitator setting up: the event code, the join address and its QR code
 * (what the projector shows), a warning with the fix when phones could not open that address,
 * the screen's address and language.
 */
@customElement('jam-admin-room')
export class JamAdminRoom extends LitElement {
  static override styles = [
    adminSection,
    css`
      .join {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: var(--jam-space-5);
        align-items: start;
      }
      dl {
        display: grid;
        gap: var(--jam-space-2);
        margin: 0;
      }
      dt {
        font-size: var(--jam-font-size-sm);
        color: var(--jam-color-text-muted);
      }
      dd {
        margin: 0 0 var(--jam-space-3);
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--jam-space-2);
      }
      .code {
        font-family: var(--jam-font-family-mono);
        font-size: var(--jam-font-size-3xl, 2.5rem);
        font-weight: var(--jam-font-weight-bold);
        letter-spacing: 0.1em;
      }
      .url {
        font-size: var(--jam-font-size-lg);
        font-weight: var(--jam-font-weight-bold);
        overflow-wrap: anywhere;
      }
      .qr {
        width: 12rem;
        height: 12rem;
        padding: var(--jam-space-2);
        border-radius: var(--jam-radius-md);
        /* QR codes need a light quiet zone whatever the theme. */
        background: var(--jam-palette-white);
      }
      .qr svg {
        display: block;
        width: 100%;
        height: 100%;
      }
      .warning {
        grid-column: 1 / -1;
        display: grid;
        gap: var(--jam-space-2);
      }
      code.fix {
        font-family: var(--jam-font-family-mono);
        overflow-wrap: anywhere;
      }
      select[name='screenLanguage'] {
        max-width: 24rem;
      }
      .options {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--jam-space-1) var(--jam-space-3);
        margin: var(--jam-space-2) 0 0;
        font-size: var(--jam-font-size-sm);
      }
      .options dt {
        font-family: var(--jam-font-family-mono);
        color: var(--jam-color-text);
      }
      .options dd {
        margin: 0;
      }
    `,
  ];

  /** The admin view of the event, for the screen's language. */
  @property({ attribute: false }) event: AdminEvent | null = null;
  /** Support staff see how players join; the screen's language is for facilitators and the owner. */
  @property({ attribute: false }) staffRole: StaffRole | null = null;

  @state() private setup: RoomSetup | null = null;
  @state() private loadError = '';
  @state() private busy = false;
  private readonly i18n = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.setup = await getRoomSetup();
      this.loadError = '';
    } catch (error) {
      this.loadError = errorText(error);
      signedOutCheck(this, error);
    }
  }

  private async handleLanguage(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value as ScreenLanguage;
    this.busy = true;
    try {
      eventChanged(this, await updateScreen({ screenLanguage: value === '' ? null : value }));
      notify(this, this.i18n.t('admin.room.languageSaved'));
    } catch (error) {
      notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private renderJoin(setup: RoomSetup) {
    const { i18n } = this;
    const qr = isPlainSvg(setup.qrSvg) ? setup.qrSvg : null;
    const port = new URL(setup.url).port || '80';
    return html`<section class="panel join" aria-labelledby="join-title">
      <div>
        <h3 id="join-title">${i18n.t('admin.room.join')}</h3>
        <dl>
          <dt>${i18n.t('admin.room.code')}</dt>
          <dd><span class="code">${setup.eventCode}</span><jam-copy-button .value=${setup.eventCode} label=${i18n.t('admin.room.copyCode')}></jam-copy-button></dd>
          <dt>${i18n.t('admin.room.url')}</dt>
          <dd><span class="url">${displayUrl(setup.url)}</span><jam-copy-button .value=${setup.joinUrl} label=${i18n.t('admin.room.copyLink')}></jam-copy-button></dd>
          <dt>${i18n.t('admin.room.link')}</dt>
          <dd><a href=${setup.joinUrl} target="_blank" rel="noopener">${setup.joinUrl}</a></dd>
        </dl>
        <p class="small muted">${i18n.t(setup.publicUrlSet ? 'admin.room.fromPublicUrl' : 'admin.room.fromRequest')}</p>
      </div>
      ${
        qr
          ? html`<div class="qr" role="img" aria-label=${i18n.t('admin.room.qr', { url: setup.joinUrl })}>
            ${unsafeSVG(qr) /* generated by our server's QR library, checked by isPlainSvg */}
          </div>`
          : nothing
      }
      ${
        setup.loopback
          ? html`<div class="warning error-box" role="alert">
            <strong>${i18n.t('admin.room.loopback', { address: displayUrl(setup.url) })}</strong>
            <span>${i18n.t('admin.room.loopbackFix')}</span>
            <code class="fix">HOST=0.0.0.0 PUBLIC_URL=http://&lt;${i18n.t('admin.room.thisComputer')}&gt;:${port} npm start</code>
          </div>`
          : nothing
      }
    </section>`;
  }

  private renderScreen(setup: RoomSetup) {
    const { i18n } = this;
    const current: ScreenLanguage = this.event?.screenLanguage ?? '';
    const choices: Array<[ScreenLanguage, string]> = [
      ['', i18n.t('admin.room.language.browser')],
      ['en', 'English'],
      ['ja', '日本語'],
      ['both', i18n.t('admin.room.language.both')],
    ];
    return html`<section class="panel" aria-labelledby="screen-title">
      <h3 id="screen-title">${i18n.t('admin.room.screen')}</h3>
      <p>
        <a href="/screen" target="_blank" rel="noopener">${displayUrl(setup.url)}/screen</a>
        <span class="muted small">${i18n.t('admin.room.screenHint')}</span>
      </p>
      <label class="field">
        <span>${i18n.t('admin.room.language')}</span>
        <select name="screenLanguage" ?disabled=${this.busy || !atLeast(this.staffRole, 'facilitator')} @change=${this.handleLanguage}>
          ${choices.map(([value, label]) => html`<option value=${value} ?selected=${current === value}>${label}</option>`)}
        </select>
      </label>
      <dl class="options" aria-label=${i18n.t('admin.room.options')}>
        <dt>?lang=en|ja|both</dt>
        <dd>${i18n.t('admin.room.option.lang')}</dd>
        <dt>?top=15</dt>
        <dd>${i18n.t('admin.room.option.top')}</dd>
        <dt>?auto=10</dt>
        <dd>${i18n.t('admin.room.option.auto')}</dd>
        <dt>?cycle=30</dt>
        <dd>${i18n.t('admin.room.option.cycle')}</dd>
      </dl>
    </section>`;
  }

  override render() {
    const { i18n, setup } = this;
    return html`
      <div class="section-head"><h2>${i18n.t('admin.room.title')}</h2></div>
      ${this.loadError ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: this.loadError })}</p>` : nothing}
      ${setup ? html`${this.renderJoin(setup)} ${this.renderScreen(setup)}` : html`<p class="empty">${i18n.t('common.loading')}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-room': JamAdminRoom;
  }
}
