import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rateChallenge } from '../api.ts';
import type { Rating } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, fields, focusRing, srOnly } from '../styles/shared.ts';
import { announce } from './events.ts';
import { playerStyles } from './player.styles.ts';

/**
 * 1–5 stars and an optional comment, offered once the team solved every task. The stars are
 * a radio group, so arrow keys pick them.
 */
@customElement('jam-rating')
export class JamRating extends LitElement {
  static override styles = [
    base,
    buttons,
    fields,
    focusRing,
    srOnly,
    playerStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: var(--jam-space-4);
      }
      h2 {
        font-size: var(--jam-font-size-lg);
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: var(--jam-font-weight-medium);
        margin-bottom: var(--jam-space-1);
      }
      .stars {
        display: inline-flex;
        gap: var(--jam-space-1);
      }
      .star {
        position: relative;
        font-size: 2rem;
        line-height: 1;
        cursor: pointer;
        color: var(--jam-color-text-muted);
        border-radius: var(--jam-radius-sm);
      }
      .star.on {
        color: var(--jam-color-warning);
      }
      .star input {
        position: absolute;
        opacity: 0;
        inset: 0;
        margin: 0;
        cursor: pointer;
      }
      .star:has(input:focus-visible) {
        box-shadow: var(--jam-focus-ring);
      }
      textarea {
        width: 100%;
        min-height: 4.5rem;
        resize: vertical;
      }
      .row {
        display: flex;
        align-items: center;
        gap: var(--jam-space-3);
      }
    `,
  ];

  @property({ attribute: 'challenge-id' }) challengeId = '';
  /** The player's earlier rating, if any. */
  @property({ attribute: false }) rating: Rating | null = null;

  @state() private stars = 0;
  @state() private comment = '';
  @state() private status: 'idle' | 'busy' | 'saved' | 'failed' = 'idle';
  private readonly i18n = new LocalizeController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('rating') && this.rating && this.status === 'idle') {
      this.stars = this.rating.stars;
      this.comment = this.rating.comment ?? '';
    }
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.stars < 1) return;
    this.status = 'busy';
    try {
      await rateChallenge(this.challengeId, this.stars, this.comment.trim() || undefined);
      this.status = 'saved';
      announce(this, this.i18n.t('rating.thanks'));
    } catch {
      this.status = 'failed';
    }
  }

  override render() {
    const { i18n } = this;
    return html`<form class="surface" @submit=${this.handleSubmit} novalidate>
      <h2>${i18n.t('rating.title')}</h2>
      <p class="muted" style="margin:0">${i18n.t('rating.intro')}</p>
      <fieldset>
        <legend>${i18n.t('rating.starsLabel')}</legend>
        <div class="stars">
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<label class="star ${n <= this.stars ? 'on' : ''}">
              <input
                type="radio"
                name="stars"
                value=${n}
                .checked=${this.stars === n}
                @change=${() => ((this.stars = n), (this.status = this.status === 'saved' ? 'idle' : this.status))}
              />
              <span aria-hidden="true">${n <= this.stars ? '★' : '☆'}</span>
              <span class="sr-only">${i18n.t('rating.stars', { stars: n })}</span>
            </label>`,
          )}
        </div>
      </fieldset>
      <label class="field">
        <span>${i18n.t('rating.comment')}</span>
        <textarea maxlength="500" .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <div class="row">
        <button class="btn primary" type="submit" ?disabled=${this.stars < 1 || this.status === 'busy'}>${i18n.t('rating.submit')}</button>
        ${this.status === 'saved' ? html`<span role="status">${i18n.t('rating.thanks')}</span>` : nothing}
        ${this.status === 'failed' ? html`<span class="error-text" role="alert">${i18n.t('common.error')}</span>` : nothing}
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-rating': JamRating;
  }
}
