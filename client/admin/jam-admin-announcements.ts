import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { getAdminAnnouncements, getTeams, sendAnnouncement, type AdminAnnouncement, type AdminTeam } from './admin-api.ts';
import { notify, notifyError, signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import './jam-confirm.ts';

/** Auto-dismiss choices in seconds; 0 keeps the announcement until dismissed. */
const DISMISS = [0, 30, 60, 300, 600] as const;

/**
 * Announcements: to everyone (players and the screen) or one team, as information or a
 * warning, optionally hidden after a while; one text per language (English, Japanese; either
 * alone goes to everyone); confirmed before sending; the sent list below.
 */
@customElement('jam-admin-announcements')
export class JamAdminAnnouncements extends LitElement {
  static override styles = adminSection;

  @state() private text = '';
  @state() private textJa = '';
  @state() private level: 'info' | 'warning' = 'info';
  @state() private teamId = '';
  @state() private dismiss = 0;
  @state() private problem = '';
  @state() private confirming = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private teams: AdminTeam[] = [];
  @state() private sent: AdminAnnouncement[] | null = null;
  @state() private loadError = '';

  private readonly i18n = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    getTeams()
      .then(({ teams }) => (this.teams = teams))
      .catch((error: unknown) => signedOutCheck(this, error));
  }

  private async load(): Promise<void> {
    try {
      this.sent = (await getAdminAnnouncements()).announcements;
      this.loadError = '';
    } catch (error) {
      this.loadError = errorText(error);
      signedOutCheck(this, error);
    }
  }

  private teamName(id: number | null | undefined): string | null {
    if (id === null || id === undefined) return null;
    return this.teams.find((t) => t.id === id)?.name ?? `#${id}`;
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.text.trim() && !this.textJa.trim()) return void (this.problem = this.i18n.t('admin.ann.textRequired'));
    this.problem = '';
    this.error = '';
    this.confirming = true;
  }

  private async handleConfirm(): Promise<void> {
    this.busy = true;
    try {
      const en = this.text.trim();
      const ja = this.textJa.trim();
      await sendAnnouncement({
        texts: { ...(en && { en }), ...(ja && { ja }) },
        level: this.level,
        ...(this.teamId && { teamId: Number(this.teamId) }),
        ...(this.dismiss > 0 && { dismissAfterSeconds: this.dismiss }),
      });
      notify(this, this.i18n.t('admin.ann.sent'));
      this.confirming = false;
      this.text = '';
      this.textJa = '';
      await this.load();
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private dismissLabel(seconds: number): string {
    if (seconds === 0) return this.i18n.t('admin.ann.dismiss.never');
    if (seconds === 60) return this.i18n.t('admin.ann.dismiss.oneMinute');
    return seconds < 60 ? this.i18n.t('admin.ann.dismiss.seconds', { count: seconds }) : this.i18n.t('admin.ann.dismiss.minutes', { count: seconds / 60 });
  }

  private renderForm() {
    const { i18n } = this;
    return html`<form class="panel stack" @submit=${this.handleSubmit} novalidate>
      <div class="form-grid texts">
        <label class="field">
          <span>${i18n.t('admin.ann.textEn')}</span>
          <textarea name="text" lang="en" rows="3" .value=${this.text} aria-describedby="texts-hint" @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
        </label>
        <label class="field">
          <span>${i18n.t('admin.ann.textJa')}</span>
          <textarea name="textJa" lang="ja" rows="3" .value=${this.textJa} aria-describedby="texts-hint" @input=${(e: Event) => (this.textJa = (e.target as HTMLTextAreaElement).value)}></textarea>
        </label>
      </div>
      <p class="hint small muted" id="texts-hint">${i18n.t('admin.ann.textsHint')}</p>
      <div class="form-row">
        <fieldset>
          <legend>${i18n.t('admin.ann.level')}</legend>
          <div class="form-row">
            ${(['info', 'warning'] as const).map(
              (level) => html`<label class="choice">
                <input type="radio" name="level" value=${level} .checked=${this.level === level} @change=${() => (this.level = level)} />
                ${i18n.t(`admin.ann.level.${level}`)}
              </label>`,
            )}
          </div>
        </fieldset>
        <label class="field">
          <span>${i18n.t('admin.ann.target')}</span>
          <select name="team" @change=${(e: Event) => (this.teamId = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.teamId === ''}>${i18n.t('admin.ann.everyone')}</option>
            ${this.teams.map((t) => html`<option value=${t.id} ?selected=${this.teamId === String(t.id)}>${t.name}</option>`)}
          </select>
        </label>
        <label class="field">
          <span>${i18n.t('admin.ann.dismiss')}</span>
          <select name="dismiss" @change=${(e: Event) => (this.dismiss = Number((e.target as HTMLSelectElement).value))}>
            ${DISMISS.map((s) => html`<option value=${s} ?selected=${this.dismiss === s}>${this.dismissLabel(s)}</option>`)}
          </select>
        </label>
      </div>
      ${this.problem ? html`<p class="error-text" role="alert">${this.problem}</p>` : nothing}
      <div><button class="btn primary" type="submit">${i18n.t('admin.ann.send')}</button></div>
    </form>`;
  }

  private renderHistory(list: AdminAnnouncement[]) {
    const { i18n } = this;
    if (list.length === 0) return html`<p class="panel empty">${i18n.t('admin.ann.historyEmpty')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${i18n.t('admin.ann.col.time')}</th>
            <th scope="col">${i18n.t('admin.ann.col.target')}</th>
            <th scope="col">${i18n.t('admin.ann.level')}</th>
            <th scope="col">${i18n.t('admin.ann.col.text')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (a) => html`<tr>
              <td class="nowrap tabular">
                <time datetime=${a.at}>${i18n.time(a.at)}</time>
                ${a.expiresAt ? html`<div class="small muted">${i18n.t('admin.ann.expires', { time: i18n.time(a.expiresAt) })}</div>` : nothing}
              </td>
              <td>${a.teamName ?? this.teamName(a.teamId) ?? i18n.t('admin.ann.everyone')}</td>
              <td><span class="chip ${a.level === 'warning' ? 'warning' : ''}">${i18n.t(`admin.ann.level.${a.level}`)}</span></td>
              <td style="white-space: pre-wrap">${
                a.texts.en && a.texts.ja && a.texts.en !== a.texts.ja
                  ? html`<span lang="en">${a.texts.en}</span><hr /><span lang="ja">${a.texts.ja}</span>`
                  : a.text
              }</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const { i18n } = this;
    const team = this.teamName(this.teamId ? Number(this.teamId) : null);
    return html`
      <div class="section-head"><h2>${i18n.t('admin.ann.title')}</h2></div>
      ${this.renderForm()}
      <div class="section-head" style="margin-top: var(--jam-space-5)"><h2>${i18n.t('admin.ann.history')}</h2></div>
      ${this.loadError ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: this.loadError })}</p>` : nothing}
      ${this.sent ? this.renderHistory(this.sent) : nothing}
      <jam-confirm
        .open=${this.confirming}
        .label=${i18n.t('admin.ann.confirm.title')}
        .paragraphs=${[team ? i18n.t('admin.ann.confirm.bodyTeam', { team }) : i18n.t('admin.ann.confirm.body'), this.text.trim(), this.textJa.trim()].filter(Boolean)}
        .confirmLabel=${i18n.t('admin.ann.send')}
        .busy=${this.busy}
        .error=${this.error}
        @jam-confirm=${this.handleConfirm}
        @jam-cancel=${() => (this.confirming = false)}
      ></jam-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-announcements': JamAdminAnnouncements;
  }
}
