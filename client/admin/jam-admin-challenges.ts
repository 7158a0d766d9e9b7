import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, LocalizeController } from '../i18n/index.ts';
import {
  forgetChallengeTitles,
  getAdminChallenges,
  getRatings,
  openChallenge,
  releaseChallenge,
  reloadChallenges,
  updateSettings,
  type AdminChallenge,
  type RatingSummary,
  type ReloadReport,
} from './admin-api.ts';
import { eventChanged, notify, notifyError, signedOutCheck } from './admin-events.ts';
import { errorText, playable, problemLine, toggledInPlay } from './admin-format.ts';
import { adminSection } from './admin.styles.ts';
import '../components/jam-dialog.ts';
import './jam-admin-preview.ts';
import { ruleText } from './jam-admin-preview.ts';
import './jam-confirm.ts';

/** A decision about one challenge that waits for confirmation. */
interface PendingAction {
  action: 'release' | 'open';
  challenge: AdminChallenge;
}

/**
 * The challenge set: which are in play (switch each on or off), Reload from the files with
 * the lint report shown inline as `file:line:column message`, and the ratings per challenge.
 * A challenge held back by `hidden: true` is put in play here; one with an unlock rule can be
 * opened for every team; Preview shows any challenge as players see it, with its keys.
 */
@customElement('jam-admin-challenges')
export class JamAdminChallenges extends LitElement {
  static override styles = [
    adminSection,
    css`
      .report {
        margin-bottom: var(--jam-space-4);
      }
      .report.ok {
        border-color: var(--jam-color-success);
      }
      .report.failed {
        border-color: var(--jam-color-danger);
      }
      .report ol {
        margin: var(--jam-space-2) 0 0;
        padding-inline-start: var(--jam-space-5);
        display: grid;
        gap: var(--jam-space-1);
      }
      tr.off > td {
        color: var(--jam-color-text-muted);
      }
      details ul {
        margin: var(--jam-space-2) 0 0;
        padding-inline-start: var(--jam-space-4);
      }
      .id {
        font-size: var(--jam-font-size-xs);
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--jam-space-1);
        margin-top: var(--jam-space-1);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--jam-space-2);
      }
      jam-dialog.preview {
        --jam-dialog-width: 56rem;
      }
    `,
  ];

  @state() private confirming = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private report: ReloadReport | null = null;
  @state() private saving = false;
  @state() private pending: PendingAction | null = null;
  @state() private acting = false;
  @state() private actionError = '';
  /** The challenge shown in the preview dialog. */
  @state() private previewId: string | null = null;

  private readonly i18n = new LocalizeController(this);
  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [list, ratings] = await Promise.all([getAdminChallenges({ signal }), getRatings({ signal })]);
      return { challenges: list.challenges, ratings: ratings.challenges };
    },
    args: () => [],
    onError: (error) => signedOutCheck(this, error),
  });

  private async saveInPlay(inPlay: string[] | null): Promise<void> {
    this.saving = true;
    try {
      eventChanged(this, await updateSettings({ inPlay }));
      notify(this, this.i18n.t('admin.ch.saved'));
    } catch (error) {
      notifyError(this, error);
    } finally {
      this.saving = false;
      forgetChallengeTitles();
      void this.data.run();
    }
  }

  private async handleReload(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      this.report = await reloadChallenges();
      this.confirming = false;
      forgetChallengeTitles();
      notify(
        this,
        this.report.ok ? this.i18n.t('admin.ch.lint.ok') : this.i18n.t('admin.ch.lint.failed', { count: this.report.problems.length }),
        this.report.ok ? 'success' : 'warning',
      );
      void this.data.run();
    } catch (error) {
      this.error = notifyError(this, error);
    } finally {
      this.busy = false;
    }
  }

  private async handleAction(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.acting = true;
    this.actionError = '';
    const title = localized(pending.challenge.title, this.i18n.lang);
    try {
      if (pending.action === 'release') await releaseChallenge(pending.challenge.id);
      else await openChallenge(pending.challenge.id);
      notify(this, this.i18n.t(pending.action === 'release' ? 'admin.ch.released' : 'admin.ch.openedToast', { title }), 'success');
      this.pending = null;
      forgetChallengeTitles();
      void this.data.run();
    } catch (error) {
      this.actionError = notifyError(this, error);
    } finally {
      this.acting = false;
    }
  }

  private renderActions(c: AdminChallenge, title: string) {
    const { i18n } = this;
    const ask = (action: PendingAction['action']) => () => {
      this.actionError = '';
      this.pending = { action, challenge: c };
    };
    return html`<div class="actions">
      <button class="btn small" type="button" aria-label=${i18n.t('admin.ch.previewOf', { title })} @click=${() => (this.previewId = c.id)}>
        ${i18n.t('admin.ch.preview')}
      </button>
      ${c.held && !c.hidden ? html`<button class="btn small primary" type="button" data-action="release" @click=${ask('release')}>${i18n.t('admin.ch.release')}</button>` : nothing}
      ${c.unlock && !c.openedAt && !c.hidden ? html`<button class="btn small" type="button" data-action="open" @click=${ask('open')}>${i18n.t('admin.ch.open')}</button>` : nothing}
    </div>`;
  }

  private renderPending() {
    const { i18n } = this;
    const pending = this.pending;
    const title = pending ? localized(pending.challenge.title, i18n.lang) : '';
    const release = pending?.action === 'release';
    return html`<jam-confirm
      .open=${pending !== null}
      .label=${pending ? i18n.t(release ? 'admin.ch.release.confirm.title' : 'admin.ch.open.confirm.title', { title }) : ''}
      .paragraphs=${pending ? [i18n.t(release ? 'admin.ch.release.confirm.body' : 'admin.ch.open.confirm.body')] : []}
      .confirmLabel=${i18n.t(release ? 'admin.ch.release' : 'admin.ch.open')}
      .busy=${this.acting}
      .error=${this.actionError}
      @jam-confirm=${this.handleAction}
      @jam-cancel=${() => (this.pending = null)}
    ></jam-confirm>`;
  }

  private renderPreview(challenges: AdminChallenge[] | undefined) {
    const { i18n } = this;
    const c = challenges?.find((ch) => ch.id === this.previewId);
    return html`<jam-dialog
      class="preview"
      .open=${c !== undefined}
      .label=${c ? i18n.t('admin.preview.title', { title: localized(c.title, i18n.lang) }) : ''}
      @jam-after-close=${() => (this.previewId = null)}
    >
      ${c ? html`<jam-admin-preview challenge-id=${c.id}></jam-admin-preview>` : nothing}
    </jam-dialog>`;
  }

  private renderReport(report: ReloadReport) {
    const { i18n } = this;
    if (report.ok) {
      return html`<div class="panel report ok" role="status">
        <h3>${i18n.t('admin.ch.lint.title')}</h3>
        <p>${i18n.t('admin.ch.lint.ok')}</p>
        <p class="small muted">
          ${i18n.t('admin.ch.lint.summary', { added: report.added.length, updated: report.updated.length, unchanged: report.unchanged.length, hidden: report.hidden.length })}
        </p>
      </div>`;
    }
    return html`<div class="panel report failed" role="alert">
      <h3>${i18n.t('admin.ch.lint.title')}</h3>
      <p>${i18n.t('admin.ch.lint.failed', { count: report.problems.length })}</p>
      <ol class="mono small">
        ${report.problems.map((p) => html`<li>${problemLine(p)}</li>`)}
      </ol>
    </div>`;
  }

  private renderRating(rating: RatingSummary | undefined) {
    const { i18n } = this;
    if (!rating || rating.count === 0 || rating.average === null) return html`<span class="muted">${i18n.t('admin.ch.noRatings')}</span>`;
    return html`
      <div class="tabular">${i18n.t('admin.ch.ratingValue', { average: rating.average, count: rating.count })}</div>
      ${
        rating.comments.length
          ? html`<details>
            <summary>${i18n.t('admin.ch.comments', { count: rating.comments.length })}</summary>
            <ul>
              ${rating.comments.map((c) => html`<li><strong>${c.teamName}</strong> (${i18n.t('admin.ch.stars', { stars: c.stars })}): ${c.comment}</li>`)}
            </ul>
          </details>`
          : nothing
      }
    `;
  }

  private renderRow(c: AdminChallenge, all: AdminChallenge[], ratings: RatingSummary[]) {
    const { i18n } = this;
    const title = localized(c.title, i18n.lang);
    const points = c.tasks.reduce((sum, t) => sum + t.points, 0);
    return html`<tr class=${c.inPlay ? '' : 'off'} data-challenge=${c.id}>
      <td>
        <input
          type="checkbox"
          aria-label=${i18n.t('admin.ch.toggle', { title })}
          .checked=${c.inPlay}
          ?disabled=${!playable(c) || this.saving}
          @change=${(e: Event) => void this.saveInPlay(toggledInPlay(all, c.id, (e.target as HTMLInputElement).checked))}
        />
      </td>
      <td>
        <div>${title}</div>
        <div class="id mono muted">${c.id}</div>
        <div class="chips">
          ${c.hidden ? html`<span class="chip">${i18n.t('admin.ch.hidden')}</span>` : nothing}
          ${c.held && !c.hidden ? html`<span class="chip warning">${i18n.t('admin.ch.held')}</span>` : nothing}
          ${c.unlock && !c.openedAt ? html`<span class="chip">${i18n.t('admin.ch.locked', { rule: ruleText(c.unlock, i18n) })}</span>` : nothing}
          ${c.unlock && c.openedAt ? html`<span class="chip success">${i18n.t('admin.ch.opened')}</span>` : nothing}
        </div>
      </td>
      <td>${c.category}</td>
      <td>${i18n.t(`difficulty.${c.difficulty}`)}</td>
      <td class="num">${i18n.number(c.tasks.length)}</td>
      <td class="num">${i18n.number(points)}</td>
      <td>${this.renderRating(ratings.find((r) => r.challengeId === c.id))}</td>
      <td>${this.renderActions(c, title)}</td>
    </tr>`;
  }

  private renderTable(challenges: AdminChallenge[], ratings: RatingSummary[]) {
    const { i18n } = this;
    if (challenges.length === 0) return html`<p class="panel empty">${i18n.t('admin.ch.empty')}</p>`;
    const inPlay = challenges.filter((c) => c.inPlay).length;
    const allOn = challenges.every((c) => c.inPlay || !playable(c));
    return html`
      <div class="form-row" style="margin-bottom: var(--jam-space-3)">
        <p>${i18n.t('admin.ch.inPlay', { count: inPlay, total: challenges.length })}</p>
        ${allOn ? nothing : html`<button class="btn small" type="button" ?disabled=${this.saving} @click=${() => void this.saveInPlay(null)}>${i18n.t('admin.ch.allInPlay')}</button>`}
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${i18n.t('admin.ch.col.inPlay')}</th>
              <th scope="col">${i18n.t('admin.ch.col.challenge')}</th>
              <th scope="col">${i18n.t('admin.ch.col.category')}</th>
              <th scope="col">${i18n.t('admin.ch.col.difficulty')}</th>
              <th class="num" scope="col">${i18n.t('admin.ch.col.tasks')}</th>
              <th class="num" scope="col">${i18n.t('admin.ch.col.points')}</th>
              <th scope="col">${i18n.t('admin.ch.col.rating')}</th>
              <th scope="col">${i18n.t('admin.ch.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${challenges.map((c) => this.renderRow(c, challenges, ratings))}
          </tbody>
        </table>
      </div>
    `;
  }

  override render() {
    const { i18n } = this;
    const value = this.data.value;
    return html`
      <div class="section-head">
        <h2>${i18n.t('admin.ch.title')}</h2>
        <button class="btn primary" type="button" @click=${() => ((this.error = ''), (this.confirming = true))}>${i18n.t('admin.ch.reload')}</button>
      </div>
      ${this.report ? this.renderReport(this.report) : nothing}
      ${this.data.error && !value ? html`<p class="error-box" role="alert">${i18n.t('admin.loadError', { message: errorText(this.data.error) })}</p>` : nothing}
      ${value ? this.renderTable(value.challenges, value.ratings) : this.data.error ? nothing : html`<p class="empty">${i18n.t('common.loading')}</p>`}
      <jam-confirm
        .open=${this.confirming}
        .label=${i18n.t('admin.ch.reload.confirm.title')}
        .paragraphs=${[i18n.t('admin.ch.reload.confirm.body')]}
        .confirmLabel=${i18n.t('admin.ch.reload')}
        .busy=${this.busy}
        .error=${this.error}
        @jam-confirm=${this.handleReload}
        @jam-cancel=${() => (this.confirming = false)}
      ></jam-confirm>
      ${this.renderPending()} ${this.renderPreview(value?.challenges)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-admin-challenges': JamAdminChallenges;
  }
}
