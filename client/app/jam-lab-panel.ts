import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { resetLab, rotateLabToken } from '../api.ts';
import type { LabTaskAnswer } from '../api-types.ts';
import '../components/jam-dialog.ts';
import { LocalizeController, type MessageKey } from '../i18n/index.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import { announce, requestRefresh } from './events.ts';
import './jam-copy-button.ts';
import { labPanelStyles } from './jam-lab-panel.styles.ts';
import { configureSnippet, sdkSnippet, shellSnippet } from './lab-snippets.ts';
import { playerStyles } from './player.styles.ts';

type Confirming = 'none' | 'rotate' | 'reset';

/**
 * A lab task's connection details, shown only to the team: the endpoint, the team's AWS
 * credentials (AWS labs) or token, the resources to work with (under the lab's labels for them,
 * in the reader's language), a first command to paste and
 * set-up snippets, each with a copy button. "Restart lab" (confirmed) puts the team's lab back
 * to its starting state; "Rotate credentials" (confirmed) replaces the team's token and keys.
 */
@customElement('jam-lab-panel')
export class JamLabPanel extends LitElement {
  static override styles = [base, buttons, focusRing, playerStyles, labPanelStyles];

  /** The lab or check answer shape with the team's lab access. */
  @property({ attribute: false }) answer: LabTaskAnswer | null = null;
  /** The challenge and task the lab belongs to (restart goes through the task). */
  @property({ attribute: 'challenge-id' }) challengeId = '';
  @property({ attribute: 'task-id' }) taskId = '';

  @state() private confirming: Confirming = 'none';
  @state() private busy = false;
  @state() private failed: MessageKey | null = null;
  private readonly i18n = new LocalizeController(this);

  private async run(action: () => Promise<unknown>, done: MessageKey): Promise<void> {
    this.busy = true;
    this.failed = null;
    try {
      await action();
      this.confirming = 'none';
      announce(this, this.i18n.t(done));
      requestRefresh(this, 'challenge');
    } catch {
      this.failed = 'common.error';
    } finally {
      this.busy = false;
    }
  }

  private readonly handleRotate = () => this.run(rotateLabToken, 'answer.lab.rotated');
  private readonly handleReset = () => this.run(() => resetLab(this.challengeId, this.taskId), 'lab.reset.done');

  private row(label: string, value: string, copyLabel: string) {
    return html`<dt>${label}</dt>
      <dd><code>${value}</code></dd>
      <dd><jam-copy-button .value=${value} label=${copyLabel}></jam-copy-button></dd>`;
  }

  private snippet(heading: string, value: string, copyLabel: string) {
    return html`<h3>${heading}</h3>
      <div class="snippet">
        <pre>${value}</pre>
        <jam-copy-button .value=${value} label=${copyLabel}></jam-copy-button>
      </div>`;
  }

  override render() {
    const a = this.answer;
    if (!a) return nothing;
    const { i18n } = this;
    const aws = 'aws' in a ? a.aws : undefined;
    // An AWS lab's Region row already says the Region its resources live in.
    const resources = Object.entries(a.resources ?? {}).filter(([name, value]) => !(aws && name === 'region' && value === aws.region));
    const label = (name: string) => a.resourceLabels?.[name] ?? name;
    return html`
      <p class="muted">
        ${aws ? i18n.t('lab.aws.instructions') : a.type === 'check' ? i18n.t('lab.http.checkInstructions') : i18n.t('answer.lab.instructions')}
      </p>
      <dl>
        ${this.row(i18n.t('answer.lab.endpoint'), a.endpoint, i18n.t('answer.lab.copyEndpoint'))}
        ${
          aws
            ? html`${this.row(i18n.t('lab.aws.region'), aws.region, i18n.t('lab.copy', { what: i18n.t('lab.aws.region') }))}
              ${this.row(i18n.t('lab.aws.accessKeyId'), aws.accessKeyId, i18n.t('lab.copy', { what: i18n.t('lab.aws.accessKeyId') }))}
              ${this.row(i18n.t('lab.aws.secretAccessKey'), aws.secretAccessKey, i18n.t('lab.copy', { what: i18n.t('lab.aws.secretAccessKey') }))}`
            : this.row(i18n.t('answer.lab.token'), a.token, i18n.t('answer.lab.copyToken'))
        }
        ${resources.map(([name, value]) => this.row(label(name), value, i18n.t('lab.copy', { what: label(name) })))}
      </dl>
      ${a.firstCommand ? this.snippet(i18n.t('lab.firstCommand'), a.firstCommand, i18n.t('lab.copy', { what: i18n.t('lab.firstCommand') })) : nothing}
      ${
        aws
          ? html`<details>
            <summary>${i18n.t('lab.setup')}</summary>
            ${this.snippet(i18n.t('lab.setup.shell'), shellSnippet(aws), i18n.t('lab.copy', { what: i18n.t('lab.setup.shell') }))}
            ${this.snippet(i18n.t('lab.setup.configure'), configureSnippet(aws), i18n.t('lab.copy', { what: i18n.t('lab.setup.configure') }))}
            ${a.sdk ? this.snippet(i18n.t('lab.setup.sdk'), sdkSnippet(aws, a.sdk), i18n.t('lab.copy', { what: i18n.t('lab.setup.sdk') })) : nothing}
          </details>`
          : nothing
      }
      <div class="tools">
        <button class="btn" type="button" @click=${() => (this.confirming = 'reset')}>${i18n.t('lab.reset')}</button>
        <button class="btn" type="button" @click=${() => (this.confirming = 'rotate')}>${i18n.t('answer.lab.rotate')}</button>
      </div>
      ${this.renderDialog()}
    `;
  }

  private renderDialog() {
    const { i18n } = this;
    const reset = this.confirming === 'reset';
    return html`<jam-dialog
      .open=${this.confirming !== 'none'}
      label=${reset ? i18n.t('lab.reset.title') : i18n.t('answer.lab.rotate.title')}
      @jam-request-close=${() => (this.confirming = 'none')}
    >
      <p>${reset ? i18n.t('lab.reset.body') : i18n.t('answer.lab.rotate.body')}</p>
      ${this.failed ? html`<p class="error-text" role="alert">${i18n.t(this.failed)}</p>` : nothing}
      <button slot="footer" class="btn" type="button" autofocus @click=${() => (this.confirming = 'none')}>${i18n.t('common.cancel')}</button>
      <button slot="footer" class="btn primary" type="button" ?disabled=${this.busy} @click=${reset ? this.handleReset : this.handleRotate}>
        ${reset ? i18n.t('lab.reset') : i18n.t('answer.lab.rotate')}
      </button>
    </jam-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-lab-panel': JamLabPanel;
  }
}
