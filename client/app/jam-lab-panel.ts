import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rotateLabToken } from '../api.ts';
import type { PublicAnswer } from '../api-types.ts';
import '../components/jam-dialog.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import { announce, requestRefresh } from './events.ts';
import './jam-copy-button.ts';
import { playerStyles } from './player.styles.ts';

type LabAnswer = Extract<PublicAnswer, { type: 'lab' }>;

/**
 * A lab task's connection details: the team's endpoint and token, each with a copy button,
 * and a confirmed "rotate token" for when a token leaked.
 */
@customElement('jam-lab-panel')
export class JamLabPanel extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    playerStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--jam-space-4);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr auto;
        gap: var(--jam-space-2) var(--jam-space-3);
        align-items: center;
        margin: var(--jam-space-3) 0;
      }
      dt {
        font-weight: var(--jam-font-weight-medium);
      }
      dd {
        margin: 0;
        min-width: 0;
      }
      code {
        display: block;
        font-family: var(--jam-font-family-mono);
        font-size: var(--jam-font-size-sm);
        padding: var(--jam-space-1) var(--jam-space-2);
        background: var(--jam-color-surface-raised);
        border-radius: var(--jam-radius-sm);
        overflow-wrap: anywhere;
      }
      .rotate {
        min-height: 2rem;
        font-size: var(--jam-font-size-sm);
      }
      .error-text {
        color: var(--jam-color-danger);
      }
    `,
  ];

  /** The lab answer shape with the team's endpoint and token. */
  @property({ attribute: false }) answer: LabAnswer | null = null;

  @state() private confirming = false;
  @state() private busy = false;
  @state() private failed = false;
  private readonly i18n = new LocalizeController(this);

  private async handleRotate(): Promise<void> {
    this.busy = true;
    this.failed = false;
    try {
      await rotateLabToken();
      this.confirming = false;
      announce(this, this.i18n.t('answer.lab.rotated'));
      requestRefresh(this, 'challenge');
    } catch {
      this.failed = true;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const a = this.answer;
    if (!a) return nothing;
    const { i18n } = this;
    return html`
      <p class="muted">${i18n.t('answer.lab.instructions')}</p>
      <dl>
        <dt>${i18n.t('answer.lab.endpoint')}</dt>
        <dd><code>${a.endpoint}</code></dd>
        <dd><jam-copy-button .value=${a.endpoint} label=${i18n.t('answer.lab.copyEndpoint')}></jam-copy-button></dd>
        <dt>${i18n.t('answer.lab.token')}</dt>
        <dd><code>${a.token}</code></dd>
        <dd><jam-copy-button .value=${a.token} label=${i18n.t('answer.lab.copyToken')}></jam-copy-button></dd>
      </dl>
      <button class="btn rotate" type="button" @click=${() => (this.confirming = true)}>${i18n.t('answer.lab.rotate')}</button>
      <jam-dialog .open=${this.confirming} label=${i18n.t('answer.lab.rotate.title')} @jam-request-close=${() => (this.confirming = false)}>
        <p>${i18n.t('answer.lab.rotate.body')}</p>
        ${this.failed ? html`<p class="error-text" role="alert">${i18n.t('common.error')}</p>` : nothing}
        <button slot="footer" class="btn" type="button" autofocus @click=${() => (this.confirming = false)}>${i18n.t('common.cancel')}</button>
        <button slot="footer" class="btn primary" type="button" ?disabled=${this.busy} @click=${this.handleRotate}>
          ${i18n.t('answer.lab.rotate')}
        </button>
      </jam-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-lab-panel': JamLabPanel;
  }
}
