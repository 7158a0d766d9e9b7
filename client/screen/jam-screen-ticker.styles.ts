import { css } from 'lit';
import { base } from '../styles/shared.ts';

export const tickerStyles = [
  base,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      overflow: hidden;
    }
    h2 {
      flex: none;
      margin: 0 0 1.2rem;
      font-size: var(--jam-screen-text-sm);
      font-weight: var(--jam-font-weight-medium);
      color: var(--jam-color-text-muted);
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    .pinned {
      flex: none;
      list-style: none;
      margin: 0 0 2.4rem;
      padding: 0;
      display: grid;
      gap: 1.2rem;
    }
    .announcement {
      padding: 1.6rem 2rem;
      border-radius: var(--jam-radius-lg);
      background: var(--jam-color-surface-raised);
      border-inline-start: 0.8rem solid var(--jam-color-accent);
    }
    .announcement.warning {
      border-inline-start-color: var(--jam-color-warning);
    }
    .announcement .label {
      display: block;
      font-size: var(--jam-screen-text-xs);
      font-weight: var(--jam-font-weight-bold);
      color: var(--jam-color-accent);
      margin-bottom: 0.4rem;
    }
    .announcement.warning .label {
      color: var(--jam-color-warning);
    }
    .announcement p {
      margin: 0;
      font-size: var(--jam-screen-text-md);
      line-height: 1.3;
      white-space: pre-line;
      overflow-wrap: anywhere;
      display: -webkit-box;
      -webkit-line-clamp: 4;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .items {
      flex: 1 1 auto;
      min-height: 0;
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 1rem;
      overflow: hidden;
      /* Lines cut off at the bottom fade out instead of ending on half a line. */
      mask-image: linear-gradient(to bottom, black 80%, transparent);
    }
    .item {
      flex: none;
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: 'chip chip' 'line time';
      column-gap: 1.2rem;
      align-items: baseline;
      padding: 1.2rem 1.6rem;
      border-radius: var(--jam-radius-md);
      background: var(--jam-color-surface);
      font-size: var(--jam-screen-text-md);
      line-height: 1.25;
    }
    .item.enter {
      animation: enter var(--jam-duration-slow) var(--jam-easing);
    }
    .item.first {
      background: var(--jam-color-surface-raised);
      box-shadow: inset 0.6rem 0 0 var(--jam-color-gold);
    }
    .chip {
      grid-area: chip;
      justify-self: start;
      margin-bottom: 0.6rem;
      padding: 0.2rem 1rem;
      border-radius: var(--jam-radius-pill);
      background: var(--jam-color-gold);
      color: var(--jam-color-on-medal);
      font-size: var(--jam-screen-text-xs);
      font-weight: var(--jam-font-weight-bold);
    }
    .line {
      grid-area: line;
      overflow-wrap: anywhere;
      display: -webkit-box;
      -webkit-line-clamp: 3;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .team,
    .task {
      font-weight: var(--jam-font-weight-bold);
    }
    cite {
      font-style: italic;
      color: var(--jam-color-accent);
    }
    /* Oblique kana and kanji read badly; Japanese marks the title with 「」 instead. */
    :host(:lang(ja)) cite {
      font-style: normal;
    }
    .time {
      grid-area: time;
      font-size: var(--jam-screen-text-xs);
      color: var(--jam-color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .empty {
      margin: 0;
      font-size: var(--jam-screen-text-sm);
      color: var(--jam-color-text-muted);
    }
    @keyframes enter {
      from {
        opacity: 0;
        transform: translateY(-1.2rem);
      }
    }
  `,
];
