import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../components/jam-clock.ts';
import { LocalizeController, type MessageKey } from '../i18n/index.ts';
import { FINALE_STEPS, LAST_STEP } from '../screen/finale-model.ts';
import { eventAction, type AdminEvent, type EventAction, updateScreen } from './admin-api.ts';
import { eventChanged, notify, notifyError } from './admin-events.ts';
import { availableActions, formatSpan, freezeStatus, wholeNumber } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import './jam-confirm.ts';

const MINUTE = 60_000;

/**
 * The event bar: state, clock, the freeze plan and the actions (start, pause/resume, extend,
 * freeze/unfreeze, end, reveal). Every action opens a confirmation that says what will happen;
 * a refused action shows the server's message in the dialog.
 *
 * @fires jam-admin-event - the new event view after an action
 * @fires jam-admin-notice - an action finished or failed
 */
@customElement('jam-admin-event-bar')
export class JamAdminEventBar extends LitElement {
  static override styles = [
    adminSection,
    css`
      :host {
        display: block;
        background: var(--jam-color-surface);
        border-bottom: 1px solid var(--jam-color-border);
      }
      section {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--jam-space-3) var(--jam-space-5);
        padding: var(--jam-space-3) var(--jam-space-5);
        max-width: 110rem;
        margin: 0 auto;
      }
      .status {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--jam-space-2) var(--jam-space-4);
        margin-inline-end: auto;
      }
      .chips {
        display: flex;
        gap: var(--jam-space-2);
      }
      .chip {
        font-size: var(--jam-font-size-sm);
        padding: var(--jam-space-1) var(--jam-space-3);
      }
      jam-clock {
        font-size: var(--jam-font-size-2xl);
      }
      .meta {
        display: grid;
        font-size: var(--jam-font-size-sm);
        color: var(--jam-color-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .actions,
      .finale {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--jam-space-2);
      }
      .finale {
        flex-basis: 100%;
        padding-top: var(--jam-space-2);
        border-top: 1px solid var(--jam-color-border);
      }
      .finale-now {
        margin-inline-end: auto;
        font-weight: var(--jam-font-weight-medium);
      }
    `,
  ];

  /** The admin view of the event (`GET /api/admin/event`). */
  @property({ attribute: false }) event: AdminEvent | null = null;
  /** Whether the signed-in person may run the clock (facilitators and the owner); support only watches it. */
  @property({ type: Boolean }) canAct = true;

  @state() private pending: EventAction | null = null;
  @state() private busy = false;
  @state() private error = '';
  @state() private minutes = '15';
  @state() private stepping = false;

  private readonly i18n = new LocalizeController(this);

  private open(action: EventAction): void {
    this.pending = action;
    this.error = '';
  }

  private close(): void {
    this.pending = null;
    this.error = '';
  }

  private async handleConfirm(): Promise<void> {
    const action = this.pending;
    if (!action || this.busy) return;
    let minutes: number | undefined;
    if (action === 'extend') {
      const value = wholeNumber(this.minutes, 1, 10080);
      if (value === null) return void (this.error = this.i18n.t('admin.extend.invalid'));
      minutes = value;
    }
    this.busy = true;
    this.error = '';
    try {
      const event = await eventAction(action, minutes);
      eventChanged(this, event);
      notify(this, this.i18n.t('admin.action.done', { action: this.i18n.t(`admin.action.${action}`) }));
      this.close();
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  /** The sentences of the confirmation: what the action will do, with the numbers that matter. */
  private paragraphs(action: EventAction, event: AdminEvent): string[] {
    const { i18n } = this;
    const freezeLine = event.freezeMinutes > 0 ? i18n.t('admin.confirm.freezePlan', { freeze: event.freezeMinutes }) : i18n.t('admin.confirm.noFreeze');
    switch (action) {
      case 'start':
        return [
          i18n.t('admin.confirm.start.body', { minutes: event.durationMinutes, time: i18n.time(Date.now() + event.durationMinutes * MINUTE) }),
          freezeLine,
        ];
      case 'resume':
        return [i18n.t('admin.confirm.resume.body', { remaining: formatSpan(event.remainingMs) })];
      case 'extend': {
        const add = wholeNumber(this.minutes, 1, 10080) ?? 0;
        if (event.state === 'draft' || !event.endsAt) return [i18n.t('admin.confirm.extend.bodyDraft', { total: event.durationMinutes + add })];
        return [i18n.t('admin.confirm.extend.body', { minutes: add, time: i18n.time(Date.parse(event.endsAt) + add * MINUTE) })];
      }
      case 'unfreeze': {
        const scheduledActive = event.freezeAt !== null && Date.parse(event.freezeAt) <= Date.parse(event.serverNow);
        return [i18n.t('admin.confirm.unfreeze.body'), ...(scheduledActive ? [i18n.t('admin.confirm.unfreeze.scheduled')] : [])];
      }
      case 'end':
        return [i18n.t('admin.confirm.end.body')];
      default:
        return [i18n.t(`admin.confirm.${action}.body` as MessageKey)];
    }
  }

  private renderButton(action: EventAction, enabled: boolean, kind = '') {
    return html`<button class="btn ${kind}" type="button" data-action=${action} ?disabled=${!enabled} @click=${() => this.open(action)}>
      ${this.i18n.t(`admin.action.${action}`)}
    </button>`;
  }

  private renderMeta(event: AdminEvent) {
    const { i18n } = this;
    const lines: string[] = [];
    if (event.state === 'draft') lines.push(i18n.t('admin.eventBar.duration', { minutes: event.durationMinutes }));
    else if (event.endsAt) lines.push(i18n.t('admin.eventBar.endsAt', { time: i18n.time(event.endsAt) }));
    return html`<div class="meta">
      ${lines.map((line) => html`<span>${line}</span>`)}
      <span class="freeze-status">${freezeStatus(event)}</span>
    </div>`;
  }

  /** Moves the screens' results sequence (null hands the pacing back to the screens). */
  private async step(to: number | null): Promise<void> {
    this.stepping = true;
    try {
      eventChanged(this, await updateScreen({ finaleStep: to }));
    } catch (error) {
      notifyError(this, error);
    } finally {
      this.stepping = false;
    }
  }

  /** After the reveal the MC paces the screens from here: back, next, or let them run. */
  private renderFinale(event: AdminEvent) {
    const { i18n } = this;
    const current = event.finaleStep;
    const label = (step: number) => i18n.t(`admin.finale.step.${FINALE_STEPS[step] ?? 'final'}` as MessageKey);
    const next = current === null ? 1 : Math.min(LAST_STEP, current + 1);
    return html`<div class="finale" role="group" aria-label=${i18n.t('admin.finale.label')}>
      <span class="finale-now">${current === null ? i18n.t('admin.finale.auto') : i18n.t('admin.finale.now', { step: label(current) })}</span>
      <button class="btn" type="button" data-finale="back" ?disabled=${this.stepping || !current} @click=${() => this.step(Math.max(0, (current ?? 1) - 1))}>
        ${i18n.t('admin.finale.back')}
      </button>
      <button class="btn primary" type="button" data-finale="next" ?disabled=${this.stepping || current === LAST_STEP} @click=${() => this.step(next)}>
        ${i18n.t('admin.finale.next', { step: label(next) })}
      </button>
      ${
        current !== null
          ? html`<button class="btn ghost" type="button" data-finale="auto" ?disabled=${this.stepping} @click=${() => this.step(null)}>
            ${i18n.t('admin.finale.release')}
          </button>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const event = this.event;
    if (!event) return nothing;
    const { i18n } = this;
    const can = availableActions(event);
    const action = this.pending;
    return html`
      <section aria-label=${i18n.t('admin.eventBar.label')}>
        <div class="status">
          <div class="chips">
            <span class="chip" data-state=${event.state}>${i18n.t('admin.eventBar.state', { state: i18n.t(`event.state.${event.state}`) })}</span>
            ${event.frozen ? html`<span class="chip warning">${i18n.t('event.frozen')}</span>` : nothing}
            ${event.revealed ? html`<span class="chip success">${i18n.t('event.revealed')}</span>` : nothing}
          </div>
          <jam-clock inline .state=${event.state} .endsAt=${event.endsAt} .startsAt=${event.startsAt} .serverNow=${event.serverNow}></jam-clock>
          ${this.renderMeta(event)}
        </div>
        ${
          this.canAct
            ? html`<div class="actions" role="group" aria-label=${i18n.t('admin.eventBar.actions')}>
              ${this.renderButton('start', can.start, 'primary')}
              ${event.state === 'paused' ? this.renderButton('resume', can.resume, 'primary') : this.renderButton('pause', can.pause)}
              ${this.renderButton('extend', can.extend)}
              ${event.frozen ? this.renderButton('unfreeze', can.unfreeze) : this.renderButton('freeze', can.freeze)}
              ${this.renderButton('end', can.end, 'danger')} ${this.renderButton('reveal', can.reveal)}
            </div>`
            : nothing
        }
        ${event.revealed && this.canAct ? this.renderFinale(event) : nothing}
      </section>
      <jam-confirm
        .open=${action !== null}
        .label=${action ? i18n.t(`admin.confirm.${action}.title`) : ''}
        .paragraphs=${action ? this.paragraphs(action, event) : []}
        .confirmLabel=${action ? i18n.t(`admin.action.${action}`) : ''}
        .danger=${action === 'end'}
        .busy=${this.busy}
        .error=${this.error}
        @jam-confirm=${this.handleConfirm}
        @jam-cancel=${this.close}
      >
        ${
          action === 'extend'
            ? html`<label class="field">
              <span>${i18n.t('admin.extend.minutes')}</span>
              <input
                name="minutes"
                type="number"
                inputmode="numeric"
                min="1"
                max="10080"
                step="1"
                .value=${this.minutes}
                @input=${(e: Event) => (this.minutes = (e.target as HTMLInputElement).value)}
              />
            </label>`
            : nothing
        }
      </jam-confirm>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-event-bar': JamAdminEventBar;
  }
}
