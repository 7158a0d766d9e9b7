import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime, LocalizeController } from '../i18n/index.ts';
import type { AdminEvent } from './admin-api.ts';
import { notify, notifyError, signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import './jam-confirm.ts';
import { getArchives, resetEvent, type Archive } from './staff-api.ts';

/**
 * After a rehearsal (owner): the reset, confirmed by typing the event's name, and the results
 * of events reset before, kept here to download.
 *
 * @fires jam-admin-notice - done (with the new event code), or the server's error
 */
@customElement('jam-admin-reset')
export class JamAdminReset extends LitElement {
  static override styles = [
    adminSection,
    css`
      :host {
        margin-top: var(--jam-space-6);
      }
      section + section {
        margin-top: var(--jam-space-6);
      }
      form.panel {
        display: grid;
        gap: var(--jam-space-3);
        justify-items: start;
        border-color: var(--jam-color-danger);
      }
      form .field {
        width: min(100%, 28rem);
      }
      .archives {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--jam-space-3);
      }
      .archives a {
        text-decoration: none;
      }
    `,
  ];

  /** The event, for its name. */
  @property({ attribute: false }) event: AdminEvent | null = null;

  @state() private typed = '';
  @state() private newCode = false;
  @state() private confirming = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private newEventCode: string | null = null;

  private readonly i18n = new LocalizeController(this);
  private readonly archives = new Task(this, {
    task: async (_args, { signal }) => (await getArchives({ signal })).archives,
    args: () => [],
    onError: (error) => signedOutCheck(this, error),
  });

  private get name(): string {
    return this.event?.name ?? '';
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.error = this.typed.trim() === this.name ? '' : this.i18n.t('admin.reset.mismatch');
    if (!this.error) this.confirming = true;
  }

  private async handleReset(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const { eventCode } = await resetEvent(this.typed.trim(), this.newCode);
      this.confirming = false;
      this.typed = '';
      this.newEventCode = eventCode;
      notify(this, this.i18n.t('admin.reset.done'));
      void this.archives.run();
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private renderArchive(archive: Archive) {
    const { i18n } = this;
    return html`<li class="panel" data-archive-id=${archive.id}>
      <h3>${archive.eventName}</h3>
      <p class="small muted">
        ${i18n.t('admin.archives.entry', { time: formatDateTime(archive.archivedAt, i18n.lang), by: archive.archivedBy, teams: archive.teams, players: archive.players })}
      </p>
      <div class="row-actions" style="margin-top: var(--jam-space-2)">
        ${archive.files.map((file) => html`<a class="btn small" href=${file.url} download>${i18n.t(`admin.archives.file.${file.name}`)}</a>`)}
      </div>
    </li>`;
  }

  override render() {
    const { i18n } = this;
    const archives = this.archives.value;
    return html`
      <section aria-labelledby="reset-title">
        <div class="section-head"><h2 id="reset-title">${i18n.t('admin.reset.title')}</h2></div>
        <form class="panel" @submit=${this.handleSubmit} novalidate>
          <p>${i18n.t('admin.reset.intro')}</p>
          <label class="field">
            <span>${i18n.t('admin.reset.confirmLabel', { name: this.name })}</span>
            <input name="confirm" autocomplete="off" .value=${this.typed} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)} />
          </label>
          <label class="choice">
            <input type="checkbox" name="newCode" .checked=${this.newCode} @change=${(e: Event) => (this.newCode = (e.target as HTMLInputElement).checked)} />
            ${i18n.t('admin.reset.newCode')}
          </label>
          ${this.error && !this.confirming ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
          <button class="btn danger" type="submit">${i18n.t('admin.reset.action')}</button>
          ${this.newEventCode ? html`<p class="chip success" role="status">${i18n.t('admin.reset.newCodeIs', { code: this.newEventCode })}</p>` : nothing}
        </form>
      </section>
      <section aria-labelledby="archives-title">
        <div class="section-head"><h2 id="archives-title">${i18n.t('admin.archives.title')}</h2></div>
        ${this.archives.error && !archives ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: errorText(this.archives.error) })}</p>` : nothing}
        ${
          archives === undefined
            ? nothing
            : archives.length === 0
              ? html`<p class="panel empty">${i18n.t('admin.archives.empty')}</p>`
              : html`<ul class="archives">
                ${archives.map((archive) => this.renderArchive(archive))}
              </ul>`
        }
      </section>
      <jam-confirm
        .open=${this.confirming}
        .label=${i18n.t('admin.reset.dialog.title', { name: this.name })}
        .paragraphs=${[i18n.t('admin.reset.dialog.body')]}
        .confirmLabel=${i18n.t('admin.reset.action')}
        .danger=${true}
        .busy=${this.busy}
        .error=${this.error}
        @jam-confirm=${this.handleReset}
        @jam-cancel=${() => (this.confirming = false)}
      ></jam-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-reset': JamAdminReset;
  }
}
