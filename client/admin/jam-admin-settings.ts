import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { getRoomSetup, type RoomSetup, updateSettings, type AdminEvent } from './admin-api.ts';
import { eventChanged, notify, notifyError } from './admin-events.ts';
import { freezeStatus, settingsChanges, wholeNumber, type SettingsForm } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';

type NumberField = 'durationMinutes' | 'freezeMinutes' | 'maxTeamSize' | 'attemptsPerMinute';
const LIMITS: Record<NumberField, [number, number]> = {
  durationMinutes: [1, 10080],
  freezeMinutes: [0, 10080],
  maxTeamSize: [1, 20],
  attemptsPerMinute: [1, 1000],
};

/**
 * Event settings. Only changed fields are sent; duration and penalty mode can change only
 * before the start (the fields say so and are disabled after). The server's refusal is shown.
 */
@customElement('jam-admin-settings')
export class JamAdminSettings extends LitElement {
  static override styles = adminSection;

  /** The admin view of the event. */
  @property({ attribute: false }) event: AdminEvent | null = null;

  @state() private form: Record<keyof SettingsForm, string> | null = null;
  @state() private dirty = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private translation: RoomSetup['translation']['provider'] | null = null;

  private readonly i18n = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    getRoomSetup()
      .then((setup) => (this.translation = setup.translation.provider))
      .catch(() => (this.translation = null));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Follow the server while the facilitator has not started editing.
    if (changed.has('event') && this.event && !this.dirty) this.form = this.fromEvent(this.event);
  }

  private fromEvent(event: AdminEvent): Record<keyof SettingsForm, string> {
    return {
      name: event.name,
      durationMinutes: String(event.durationMinutes),
      freezeMinutes: String(event.freezeMinutes),
      maxTeamSize: String(event.maxTeamSize),
      attemptsPerMinute: String(event.attemptsPerMinute),
      penaltyMode: event.penaltyMode,
    };
  }

  private set(field: keyof SettingsForm, value: string): void {
    if (!this.form) return;
    this.form = { ...this.form, [field]: value };
    this.dirty = true;
  }

  private async handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const { event, form, i18n } = this;
    if (!event || !form) return;
    const numbers = {} as Record<NumberField, number>;
    for (const field of Object.keys(LIMITS) as NumberField[]) {
      const [min, max] = LIMITS[field];
      const value = wholeNumber(form[field], min, max);
      if (value === null) return void (this.error = `${this.label(field)}: ${min}–${max}`);
      numbers[field] = value;
    }
    const patch = settingsChanges(event, { name: form.name, penaltyMode: form.penaltyMode === 'immediate' ? 'immediate' : 'on-solve', ...numbers });
    if (!patch) {
      this.dirty = false;
      return notify(this, i18n.t('admin.settings.unchanged'), 'info');
    }
    this.busy = true;
    this.error = '';
    try {
      const updated = await updateSettings(patch);
      this.dirty = false;
      eventChanged(this, updated);
      notify(this, i18n.t('admin.settings.saved'));
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private label(field: NumberField): string {
    const keys = {
      durationMinutes: 'admin.settings.duration',
      freezeMinutes: 'admin.settings.freeze',
      maxTeamSize: 'admin.settings.maxTeamSize',
      attemptsPerMinute: 'admin.settings.attempts',
    } as const;
    return this.i18n.t(keys[field]);
  }

  private renderNumber(field: NumberField, hint = '', disabled = false) {
    const [min, max] = LIMITS[field];
    return html`<label class="field">
      <span>${this.label(field)}</span>
      <input
        name=${field}
        type="number"
        inputmode="numeric"
        step="1"
        min=${min}
        max=${max}
        ?disabled=${disabled}
        .value=${this.form?.[field] ?? ''}
        @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)}
      />
      ${hint ? html`<span class="hint">${hint}</span>` : nothing}
    </label>`;
  }

  override render() {
    const { i18n, form, event } = this;
    if (!form || !event) return html`<p class="empty">${i18n.t('common.loading')}</p>`;
    const draft = event.state === 'draft';
    return html`
      <div class="section-head"><h2>${i18n.t('admin.settings.title')}</h2></div>
      <form class="panel stack" @submit=${this.handleSubmit} novalidate>
        <label class="field">
          <span>${i18n.t('admin.settings.name')}</span>
          <input name="name" maxlength="80" .value=${form.name} @input=${(e: Event) => this.set('name', (e.target as HTMLInputElement).value)} />
        </label>
        <div class="form-grid">
          ${this.renderNumber('durationMinutes', i18n.t('admin.settings.durationHint'), !draft)}
          ${this.renderNumber('freezeMinutes', i18n.t('admin.settings.freezeHint'))}
          ${this.renderNumber('maxTeamSize')} ${this.renderNumber('attemptsPerMinute')}
        </div>
        <p class="small">${i18n.t('admin.settings.freezeNowLabel')} <strong class="freeze-status">${freezeStatus(event)}</strong></p>
        <fieldset ?disabled=${!draft}>
          <legend>${i18n.t('admin.settings.penaltyMode')}</legend>
          ${(['on-solve', 'immediate'] as const).map(
            (mode) => html`<label class="choice">
              <input type="radio" name="penaltyMode" value=${mode} .checked=${form.penaltyMode === mode} @change=${() => this.set('penaltyMode', mode)} />
              ${i18n.t(mode === 'on-solve' ? 'admin.settings.penaltyMode.onSolve' : 'admin.settings.penaltyMode.immediate')}
            </label>`,
          )}
          <span class="hint small muted">${i18n.t('admin.settings.penaltyHint')}</span>
        </fieldset>
        ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
        <div><button class="btn primary" type="submit" ?disabled=${this.busy}>${i18n.t('admin.settings.save')}</button></div>
      </form>
      ${
        this.translation
          ? html`<section class="panel translation" aria-labelledby="translation-title">
            <h3 id="translation-title">${i18n.t('admin.settings.translation')}</h3>
            <p>${i18n.t(`admin.settings.translation.${this.translation}`)}</p>
          </section>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-settings': JamAdminSettings;
  }
}
