import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { getAdjustments, getTeams, type Adjustment } from './admin-api.ts';
import { signedOutCheck } from './admin-events.ts';
import { errorText } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import './jam-admin-adjust-form.ts';

/** Score adjustments: a form for any team (reason required, confirmed) and the audited history. */
@customElement('jam-admin-adjustments')
export class JamAdminAdjustments extends LitElement {
  static override styles = adminSection;

  private readonly i18n = new LocalizeController(this);
  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [teams, adjustments] = await Promise.all([getTeams({ signal }), getAdjustments({ signal })]);
      return { teams: teams.teams, adjustments: adjustments.adjustments };
    },
    args: () => [],
    onError: (error) => signedOutCheck(this, error),
  });

  private renderHistory(list: Adjustment[]) {
    const { i18n } = this;
    if (list.length === 0) return html`<p class="panel empty">${i18n.t('admin.adj.historyEmpty')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${i18n.t('admin.adj.col.time')}</th>
            <th scope="col">${i18n.t('admin.adj.col.team')}</th>
            <th class="num" scope="col">${i18n.t('admin.adj.col.points')}</th>
            <th scope="col">${i18n.t('admin.adj.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (a) => html`<tr>
              <td class="nowrap tabular"><time datetime=${a.at}>${i18n.time(a.at)}</time></td>
              <td>${a.teamName}</td>
              <td class="num">${a.points > 0 ? '+' : ''}${i18n.number(a.points)}</td>
              <td>${a.reason}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const { i18n } = this;
    const value = this.data.value;
    return html`
      <div class="section-head"><h2>${i18n.t('admin.adj.title')}</h2></div>
      <div class="panel">
        <jam-admin-adjust-form .teams=${value?.teams ?? []} @jam-adjusted=${() => void this.data.run()}></jam-admin-adjust-form>
      </div>
      <div class="section-head" style="margin-top: var(--jam-space-5)"><h2>${i18n.t('admin.adj.history')}</h2></div>
      ${this.data.error && !value ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: errorText(this.data.error) })}</p>` : nothing}
      ${value ? this.renderHistory(value.adjustments) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-adjustments': JamAdminAdjustments;
  }
}
