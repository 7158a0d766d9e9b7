import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Option } from '../api-types.ts';
import { LocalizeController } from '../i18n/index.ts';
import { base, buttons, focusRing } from '../styles/shared.ts';
import { moveItem, reconcileOrder } from './answer-model.ts';
import { announce } from './events.ts';

/** `items` in the order of `ids` when both hold the same ids; otherwise `items` as they are. */
function orderedBy(items: readonly Option[], ids: readonly string[]): Option[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const ordered = ids.map((id) => byId.get(id)).filter((i): i is Option => i !== undefined);
  return ordered.length === items.length && new Set(ids).size === ids.length ? ordered : [...items];
}

/**
 * Put items in order by dragging them, or with the keyboard: each item has Move up and Move
 * down buttons, and Alt + ↑/↓ moves the focused item. Every move is announced. Enter on an
 * item is left to the answer input around this list (it submits the answer).
 *
 * @fires jam-order-change - the order changed (`detail.ids`)
 */
@customElement('jam-order-input')
export class JamOrderInput extends LitElement {
  static override styles = [
    base,
    buttons,
    focusRing,
    css`
      :host {
        display: block;
      }
      .how {
        margin: 0 0 var(--jam-space-2);
        font-size: var(--jam-font-size-sm);
        color: var(--jam-color-text-muted);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--jam-space-2);
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--jam-space-3);
        padding: var(--jam-space-2) var(--jam-space-2) var(--jam-space-2) var(--jam-space-3);
        background: var(--jam-color-surface);
        border: 1px solid var(--jam-color-border);
        border-radius: var(--jam-radius-md);
        cursor: grab;
      }
      li.dragging {
        opacity: 0.5;
      }
      li.over {
        border-color: var(--jam-color-accent);
        box-shadow: inset 0 3px 0 var(--jam-color-accent);
      }
      .grip {
        color: var(--jam-color-text-muted);
        user-select: none;
      }
      .pos {
        min-width: 1.5rem;
        font-variant-numeric: tabular-nums;
        font-weight: var(--jam-font-weight-bold);
        color: var(--jam-color-text-muted);
      }
      .label {
        flex: 1;
        overflow-wrap: anywhere;
      }
      .btn {
        min-height: 2rem;
        min-width: 2.25rem;
        padding: 0 var(--jam-space-2);
      }
    `,
  ];

  /** The items as the server shuffled them for this team. */
  @property({ attribute: false }) items: Option[] = [];
  /** Accessible name of the list (the task title). */
  @property() label = '';
  @property({ type: Boolean }) disabled = false;
  /** An order to start from (a draft kept across a reload), used when it holds the same items. */
  @property({ attribute: false }) preferred: string[] | null = null;

  @state() private order: Option[] = [];
  @state() private dragIndex: number | null = null;
  @state() private overIndex: number | null = null;
  private readonly i18n = new LocalizeController(this);

  /** The item ids in the player's order. */
  get ids(): string[] {
    return this.order.map((i) => i.id);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('items')) {
      const start = this.order.length === 0 && this.preferred ? reconcileOrder(orderedBy(this.items, this.preferred), this.items) : this.order;
      this.order = reconcileOrder(start, this.items);
    }
  }

  private move(from: number, to: number, focus: 'up' | 'down' | 'item' | null): void {
    if (to < 0 || to >= this.order.length || from === to) return;
    const item = this.order[from];
    this.order = moveItem(this.order, from, to);
    this.dispatchEvent(new CustomEvent('jam-order-change', { detail: { ids: this.ids }, bubbles: true, composed: true }));
    if (item) {
      announce(this, this.i18n.t('answer.order.moved', { item: item.label, position: to + 1, total: this.order.length }));
    }
    if (focus) void this.updateComplete.then(() => this.refocus(to, focus));
  }

  /** Keeps focus on the moved item; at an edge the disabled button hands over to its sibling. */
  private refocus(index: number, which: 'up' | 'down' | 'item'): void {
    const li = this.renderRoot.querySelectorAll<HTMLLIElement>('li')[index];
    if (!li) return;
    if (which === 'item') return li.focus();
    const up = li.querySelector<HTMLButtonElement>('button.up');
    const down = li.querySelector<HTMLButtonElement>('button.down');
    const wanted = which === 'up' ? up : down;
    (wanted && !wanted.disabled ? wanted : which === 'up' ? down : up)?.focus();
  }

  private handleKeydown(event: KeyboardEvent, index: number): void {
    if (this.disabled || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    this.move(index, event.key === 'ArrowUp' ? index - 1 : index + 1, 'item');
  }

  private handleDragStart(event: DragEvent, index: number): void {
    if (this.disabled) return event.preventDefault();
    this.dragIndex = index;
    event.dataTransfer?.setData('text/plain', this.order[index]?.id ?? '');
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  private handleDragOver(event: DragEvent, index: number): void {
    if (this.dragIndex === null) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.overIndex = index;
  }

  private handleDrop(event: DragEvent, index: number): void {
    event.preventDefault();
    const from = this.dragIndex;
    this.dragIndex = null;
    this.overIndex = null;
    if (from !== null) this.move(from, index, null);
  }

  override render() {
    const { i18n } = this;
    const total = this.order.length;
    return html`
      <p class="how" id="how">${i18n.t('answer.order.instructions')}</p>
      <ol aria-label=${this.label} aria-describedby="how">
        ${repeat(
          this.order,
          (item) => item.id,
          (item, index) => html`
            <li
              tabindex="0"
              draggable=${this.disabled ? 'false' : 'true'}
              class="${this.dragIndex === index ? 'dragging' : ''} ${this.overIndex === index && this.dragIndex !== index ? 'over' : ''}"
              aria-label=${i18n.t('answer.order.itemLabel', { item: item.label, position: index + 1, total })}
              @keydown=${(e: KeyboardEvent) => this.handleKeydown(e, index)}
              @dragstart=${(e: DragEvent) => this.handleDragStart(e, index)}
              @dragover=${(e: DragEvent) => this.handleDragOver(e, index)}
              @dragleave=${() => (this.overIndex = null)}
              @drop=${(e: DragEvent) => this.handleDrop(e, index)}
              @dragend=${() => ((this.dragIndex = null), (this.overIndex = null))}
            >
              <span class="grip" aria-hidden="true">⠿</span>
              <span class="pos" aria-hidden="true">${i18n.number(index + 1)}</span>
              <span class="label" aria-hidden="true">${item.label}</span>
              <button
                class="btn up"
                type="button"
                aria-label=${`${i18n.t('answer.order.moveUp')}: ${item.label}`}
                title=${i18n.t('answer.order.moveUp')}
                ?disabled=${this.disabled || index === 0}
                @click=${() => this.move(index, index - 1, 'up')}
              >
                ↑
              </button>
              <button
                class="btn down"
                type="button"
                aria-label=${`${i18n.t('answer.order.moveDown')}: ${item.label}`}
                title=${i18n.t('answer.order.moveDown')}
                ?disabled=${this.disabled || index === total - 1}
                @click=${() => this.move(index, index + 1, 'down')}
              >
                ↓
              </button>
            </li>
          `,
        )}
      </ol>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-order-input': JamOrderInput;
  }
  interface GlobalEventHandlersEventMap {
    'jam-order-change': CustomEvent<{ ids: string[] }>;
  }
}
