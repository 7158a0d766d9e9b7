import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { PublicAnswer } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, fields, focusRing } from '../styles/shared.ts';
import type { AnswerDraft } from './answer-model.ts';
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';
import './jam-lab-panel.ts';
import './jam-order-input.ts';
import type { JamOrderInput } from './jam-order-input.ts';

/** What is kept of an answer in progress across a reload. */
interface StoredDraft {
  text?: string;
  selected?: string[];
  pairs?: Record<string, string>;
  order?: string[];
}

/**
 * The input for a task's answer type: text, number (with its unit), choice (radios, or
 * checkboxes when several are correct), order, match (a select per left item) and lab (the
 * endpoint and token, then the flag). Enter in a single-line field, on a radio or checkbox
 * option, or on an item of an order list submits the form around this element (the field
 * sits in this shadow root, so the browser's implicit submission never reaches that form);
 * Space still picks an option, and Enter that confirms an IME conversion does not submit.
 *
 * @fires jam-answer-change - the answer changed (typed, picked, moved), so stale feedback can go
 */
@customElement('jam-answer-input')
export class JamAnswerInput extends LitElement {
  static override styles = [
    base,
    fields,
    focusRing,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      legend {
        padding: 0;
        margin-bottom: var(--jam-space-2);
        font-weight: var(--jam-font-weight-medium);
      }
      .options {
        display: grid;
        gap: var(--jam-space-2);
      }
      .option {
        display: flex;
        align-items: center;
        gap: var(--jam-space-3);
        padding: var(--jam-space-2) var(--jam-space-3);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-md);
        background: var(--jam-color-surface);
        cursor: pointer;
      }
      .option:has(input:checked) {
        border-color: var(--jam-color-accent);
      }
      .option input {
        min-height: auto;
        width: 1.1rem;
        height: 1.1rem;
        margin: 0;
        flex: none;
      }
      .with-unit {
        display: flex;
        align-items: center;
        gap: var(--jam-space-2);
      }
      .with-unit input {
        flex: 1;
        min-width: 0;
        max-width: 16rem;
      }
      .unit {
        font-weight: var(--jam-font-weight-medium);
      }
      .pairs {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) minmax(10rem, 1fr);
        gap: var(--jam-space-2) var(--jam-space-4);
        align-items: center;
      }
      .pairs label {
        font-weight: var(--jam-font-weight-medium);
        overflow-wrap: anywhere;
      }
      input.wide {
        width: 100%;
      }
    `,
  ];

  /** The task's public answer shape. */
  @property({ attribute: false }) answer: PublicAnswer | null = null;
  /** Prefix for element ids, unique per task (the task id). */
  @property() name = 'answer';
  /** The challenge of the task: lab panels restart the lab through it. */
  @property({ attribute: 'challenge-id' }) challengeId = '';
  /** Accessible name for composite inputs (the task title). */
  @property() label = '';
  @property({ type: Boolean }) disabled = false;
  /** Keeps the answer in progress in session storage under this key (e.g. `answer:alpha/t1`); empty: not kept. */
  @property({ attribute: 'draft-key' }) draftKey = '';

  @state() private text = '';
  /** The order a reload should restore, until the order input has its items. */
  @state() private storedOrder: string[] | null = null;
  private restoredFor = '';
  @state() private selected: string[] = [];
  @state() private pairs: Record<string, string> = {};
  @query('jam-order-input') private orderInput!: JamOrderInput | null;
  private readonly i18n = new LocalizeController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('answer') as PublicAnswer | null | undefined;
    if (changed.has('answer') && previous && previous.type !== this.answer?.type) this.clear();
    if (this.draftKey && this.answer && this.restoredFor !== this.draftKey) {
      this.restoredFor = this.draftKey;
      const stored = loadDraft<StoredDraft>(this.draftKey);
      if (stored) {
        this.text = typeof stored.text === 'string' ? stored.text : this.text;
        this.selected = Array.isArray(stored.selected) ? stored.selected : this.selected;
        this.pairs = stored.pairs && typeof stored.pairs === 'object' ? stored.pairs : this.pairs;
        this.storedOrder = Array.isArray(stored.order) ? stored.order : null;
      }
    }
  }

  /** Stores the answer in progress and tells the card it changed. */
  private changed(): void {
    if (this.draftKey) {
      const order = this.answer?.type === 'order' ? (this.orderInput?.ids ?? this.storedOrder ?? undefined) : undefined;
      saveDraft(this.draftKey, { text: this.text, selected: this.selected, pairs: this.pairs, ...(order && { order }) } satisfies StoredDraft);
    }
    this.dispatchEvent(new CustomEvent('jam-answer-change', { bubbles: true, composed: true }));
  }

  /** Forgets the answer in progress (it was accepted). */
  forget(): void {
    this.clear();
    this.storedOrder = null;
    if (this.draftKey) clearDraft(this.draftKey);
  }

  private handleKeydown(event: KeyboardEvent): void {
    // keyCode 229: the Enter that confirms an IME conversion in some browsers.
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229 || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.closest('form')?.requestSubmit();
  }

  /** Enter on an item of the order list submits; on its Move buttons it presses the button. */
  private handleOrderKeydown(event: KeyboardEvent): void {
    const target = event.composedPath()[0];
    if (target instanceof HTMLElement && target.localName === 'li') this.handleKeydown(event);
  }

  /** What the player entered so far. */
  draft(): AnswerDraft | null {
    const a = this.answer;
    if (!a) return null;
    switch (a.type) {
      case 'text':
      case 'regex':
      case 'number':
      case 'lab':
        return { type: a.type, text: this.text };
      case 'check':
        // Nothing to enter: the lab's state is the answer.
        return null;
      case 'choice':
        return { type: 'choice', selected: a.options.map((o) => o.id).filter((id) => this.selected.includes(id)) };
      case 'order':
        return { type: 'order', ids: this.orderInput?.ids ?? a.items.map((i) => i.id) };
      case 'match':
        return { type: 'match', pairs: { ...this.pairs } };
    }
  }

  clear(): void {
    this.text = '';
    this.selected = [];
    this.pairs = {};
  }

  private handleText(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    this.changed();
  }

  private renderText(label: string, id: string) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        class="wide"
        type="text"
        id=${id}
        autocomplete="off"
        spellcheck="false"
        .value=${this.text}
        ?disabled=${this.disabled}
        placeholder=${this.i18n.t('answer.text.placeholder')}
        enterkeyhint="send"
        @input=${this.handleText}
        @keydown=${this.handleKeydown}
      />
    </div>`;
  }

  private toggle(id: string, multiple: boolean, checked: boolean): void {
    if (!multiple) this.selected = checked ? [id] : [];
    else this.selected = checked ? [...new Set([...this.selected, id])] : this.selected.filter((s) => s !== id);
    this.changed();
  }

  private renderNumber(unit: string | undefined) {
    const { i18n, name } = this;
    return html`<div class="field">
      <label for="${name}-number">${i18n.t('answer.number.label')}</label>
      <span class="with-unit">
        <input
          type="text"
          id="${name}-number"
          inputmode="decimal"
          autocomplete="off"
          .value=${this.text}
          ?disabled=${this.disabled}
          aria-describedby=${unit ? `${name}-unit` : nothing}
          enterkeyhint="send"
          @input=${this.handleText}
          @keydown=${this.handleKeydown}
        />
        ${unit ? html`<span class="unit" id="${name}-unit">${i18n.t('answer.number.unit', { unit })}</span>` : nothing}
      </span>
    </div>`;
  }

  override render() {
    const a = this.answer;
    if (!a) return nothing;
    const { i18n, name } = this;
    switch (a.type) {
      case 'text':
      case 'regex':
        return this.renderText(i18n.t('answer.text.label'), `${name}-text`);
      case 'number':
        return this.renderNumber(a.unit);
      case 'choice':
        return html`<fieldset ?disabled=${this.disabled}>
          <legend>${i18n.t(a.multiple ? 'answer.choice.multi' : 'answer.choice.single')}</legend>
          <div class="options">
            ${a.options.map(
              (o) => html`<label class="option">
                <input
                  type=${a.multiple ? 'checkbox' : 'radio'}
                  name="${name}-choice"
                  value=${o.id}
                  .checked=${this.selected.includes(o.id)}
                  @change=${(e: Event) => this.toggle(o.id, a.multiple, (e.target as HTMLInputElement).checked)}
                  @keydown=${this.handleKeydown}
                />
                <span>${o.label}</span>
              </label>`,
            )}
          </div>
        </fieldset>`;
      case 'order':
        return html`<jam-order-input
          .items=${a.items}
          .preferred=${this.storedOrder}
          label=${this.label}
          ?disabled=${this.disabled}
          @jam-order-change=${() => this.changed()}
          @keydown=${this.handleOrderKeydown}
        ></jam-order-input>`;
      case 'match':
        return html`<fieldset ?disabled=${this.disabled}>
          <legend>${i18n.t('answer.match.instructions')}</legend>
          <div class="pairs">
            ${a.left.map(
              (l) => html`
                <label for="${name}-m-${l.id}">${l.label}</label>
                <select
                  id="${name}-m-${l.id}"
                  @change=${(e: Event) => {
                    this.pairs = { ...this.pairs, [l.id]: (e.target as HTMLSelectElement).value };
                    this.changed();
                  }}
                >
                  <option value="" ?selected=${!this.pairs[l.id]}>${i18n.t('answer.match.placeholder')}</option>
                  ${a.right.map((r) => html`<option value=${r.id} ?selected=${this.pairs[l.id] === r.id}>${r.label}</option>`)}
                </select>
              `,
            )}
          </div>
        </fieldset>`;
      case 'lab':
        return html`<jam-lab-panel .answer=${a} challenge-id=${this.challengeId} task-id=${this.name}></jam-lab-panel>
          ${this.renderText(i18n.t('answer.lab.flag'), `${name}-flag`)}`;
      case 'check':
        return html`<jam-lab-panel .answer=${a} challenge-id=${this.challengeId} task-id=${this.name}></jam-lab-panel>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-answer-input': JamAnswerInput;
  }
}
