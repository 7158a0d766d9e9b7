import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Announcement, SolveEvent } from '../api-types.ts';
import { LocalizeController, localized } from '../i18n/index.ts';
import { ReducedMotionController } from '../motion.ts';
import { tickerStyles } from './jam-screen-ticker.styles.ts';
import { shorten } from './screen-state.ts';

/** A solve as the ticker keeps it; `key` is the stream event id. */
export interface TickerItem extends Pick<SolveEvent, 'teamName' | 'challengeTitle' | 'taskTitle' | 'taskIndex' | 'firstSolve' | 'at'> {
  key: string;
}

/**
 * The screen's side column: announcements pinned on top, then recent solves newest first,
 * e.g. "Kumo solved “Order the pull” in *Inside the ECR pull*": the task by its name, as a
 * number means nothing from the back of the room. First solves of a task are highlighted.
 * Items that do not fit are cut off at the bottom.
 *
 * @csspart announcement - a pinned announcement
 * @csspart item - a solve line
 */
@customElement('jam-screen-ticker')
export class JamScreenTicker extends LitElement {
  static override styles = tickerStyles;

  /** Solves, newest first. */
  @property({ attribute: false }) items: TickerItem[] = [];
  /** Announcements to pin, newest first. */
  @property({ attribute: false }) announcements: Announcement[] = [];

  private readonly i18n = new LocalizeController(this);
  private readonly motion = new ReducedMotionController(this);

  private renderItem(item: TickerItem) {
    const line = this.i18n.parts('screen.ticker.solved', {
      team: html`<strong class="team">${shorten(item.teamName, 28)}</strong>`,
      challenge: html`<cite>${localized(item.challengeTitle, this.i18n.lang)}</cite>`,
      task: html`<strong class="task">${localized(item.taskTitle, this.i18n.lang) || this.i18n.number(item.taskIndex)}</strong>`,
    });
    return html`
      <li class="item ${item.firstSolve ? 'first' : ''} ${this.motion.reduced ? '' : 'enter'}" part="item">
        ${item.firstSolve ? html`<span class="chip">${this.i18n.t('screen.ticker.firstSolve')}</span>` : nothing}
        <span class="line">${line}</span>
        <time class="time" datetime=${item.at}>${this.i18n.time(item.at)}</time>
      </li>
    `;
  }

  override render() {
    return html`
      ${
        this.announcements.length
          ? html`<ul class="pinned">
            ${repeat(
              this.announcements,
              (a) => a.id,
              (a) => html`
                <li class="announcement ${a.level}" part="announcement">
                  <span class="label">${this.i18n.t('screen.ticker.announcement')}</span>
                  <p>${localized(a.texts, this.i18n.lang) || a.text}</p>
                </li>
              `,
            )}
          </ul>`
          : nothing
      }
      <h2>${this.i18n.t('screen.ticker.title')}${this.i18n.secondLang ? html` · <span lang=${this.i18n.secondLang}>${this.i18n.second('screen.ticker.title')}</span>` : nothing}</h2>
      ${
        this.items.length
          ? html`<ol class="items">
            ${repeat(
              this.items,
              (item) => item.key,
              (item) => this.renderItem(item),
            )}
          </ol>`
          : html`<p class="empty">${this.i18n.t('screen.ticker.empty')}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jam-screen-ticker': JamScreenTicker;
  }
}
