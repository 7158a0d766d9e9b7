import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocalizeController } from '../i18n/index.ts';
import { exportUrl } from './admin-api.ts';
import { adminSection } from './admin.styles.ts';

/** Results export: plain download links (the admin cookie goes with them), CSV and JSON. */
@customElement('jam-admin-export')
export class JamAdminExport extends LitElement {
  static override styles = [
    adminSection,
    css`
      .downloads {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: var(--jam-space-4);
        margin-top: var(--jam-space-4);
      }
      .downloads .panel {
        display: grid;
        gap: var(--jam-space-2);
        justify-items: start;
      }
      a.btn {
        text-decoration: none;
      }
    `,
  ];

  private readonly i18n = new LocalizeController(this);

  override render() {
    const { i18n } = this;
    return html`
      <div class="section-head"><h2>${i18n.t('admin.export.title')}</h2></div>
      <p>${i18n.t('admin.export.intro')}</p>
      <div class="downloads">
        <div class="panel">
          <a class="btn primary" href=${exportUrl('csv')} download="jamboree-results.csv">${i18n.t('admin.export.csv')}</a>
          <p class="small muted">${i18n.t('admin.export.csvHint')}</p>
        </div>
        <div class="panel">
          <a class="btn" href=${exportUrl('json')} download="jamboree-results.json">${i18n.t('admin.export.json')}</a>
          <p class="small muted">${i18n.t('admin.export.jsonHint')}</p>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-export': JamAdminExport;
  }
}
