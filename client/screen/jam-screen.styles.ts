import { css } from 'lit';
import { base } from '../styles/shared.ts';

export const screenStyles = [
  base,
  css`
    :host {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      grid-template-rows: auto auto minmax(0, 1fr);
      grid-template-areas:
        'band band'
        'alert alert'
        'main side';
      gap: var(--jam-screen-gap) calc(var(--jam-screen-gap) * 1.5);
      height: 100vh;
      padding: var(--jam-screen-pad) calc(var(--jam-screen-pad) * 1.5);
      overflow: hidden;
      background: var(--jam-color-bg);
      color: var(--jam-color-text);
      cursor: none;
    }
    .band {
      grid-area: band;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 4rem;
      min-width: 0;
      height: 9.6rem;
      border-bottom: 1px solid var(--jam-color-border);
      padding-bottom: 1.2rem;
      box-sizing: content-box;
    }
    .name {
      margin: 0;
      min-width: 0;
      font-size: var(--jam-screen-text-xl);
      font-weight: var(--jam-font-weight-bold);
      line-height: 1.15;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .clock {
      flex: none;
      margin-inline-start: auto;
      font-size: var(--jam-screen-text-clock);
    }
    /* Readable from the back of the room, beside the clock it qualifies. */
    .frozen-badge {
      flex: none;
      display: grid;
      justify-items: center;
      padding: 0.8rem 2.4rem;
      border-radius: var(--jam-radius-pill);
      background: var(--jam-color-accent);
      color: var(--jam-color-on-accent);
      font-size: var(--jam-screen-text-lg);
      font-weight: var(--jam-font-weight-bold);
      line-height: 1.1;
    }
    .second {
      display: block;
      font-size: 0.7em;
      font-weight: var(--jam-font-weight-medium);
    }
    .alert {
      grid-area: alert;
      display: grid;
      gap: 0.4rem;
      padding: 1.6rem 3.2rem;
      border-radius: var(--jam-radius-lg);
      background: var(--jam-color-warning);
      color: var(--jam-color-on-medal);
    }
    .alert-label {
      font-size: var(--jam-screen-text-sm);
      font-weight: var(--jam-font-weight-bold);
    }
    .alert-label .second {
      display: inline;
      margin-inline-start: 1.2rem;
    }
    .alert-text {
      margin: 0;
      font-size: var(--jam-screen-text-lg);
      font-weight: var(--jam-font-weight-bold);
      line-height: 1.25;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .alert-text.second {
      font-size: var(--jam-screen-text-md);
    }
    .main {
      grid-area: main;
      min-height: 0;
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .ranking {
      /* Head (4.4rem + gap) plus one ~7.2rem pitch per row; shrinks only if the view is short. */
      flex: 0 1 calc(5.2rem + var(--top) * 7.2rem);
      min-height: 0;
    }
    .rest {
      flex: 1 1 0;
      min-height: 0;
      margin-top: 2rem;
    }
    jam-screen-join,
    jam-screen-finale {
      flex: 1 1 auto;
      min-height: 0;
    }
    /* The results take the whole screen: no ticker or old announcements beside the podium. */
    .main.finale {
      grid-column: 1 / -1;
    }
    .main.finale ~ .side {
      display: none;
    }
    .side {
      grid-area: side;
      min-height: 0;
      display: flex;
      flex-direction: column;
      border-inline-start: 1px solid var(--jam-color-border);
      padding-inline-start: calc(var(--jam-screen-gap) * 1.5);
    }
    jam-screen-ticker {
      flex: 1 1 auto;
    }
    .waiting {
      margin: auto;
      font-size: var(--jam-screen-text-lg);
      color: var(--jam-color-text-muted);
    }
    .dot {
      position: fixed;
      inset-block-end: 1.2rem;
      inset-inline-end: 1.6rem;
      font-size: var(--jam-screen-text-xs);
      padding: 0.4rem 1.2rem;
      border-radius: var(--jam-radius-pill);
      background: var(--jam-color-surface);
    }
  `,
];
