import { css } from 'lit';
import { base } from '../styles/shared.ts';

export const rankingStyles = [
  base,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      --cols: 7.2rem minmax(0, 1fr) 15rem 19rem;
    }
    .head,
    .row {
      display: grid;
      grid-template-columns: var(--cols);
      align-items: center;
      column-gap: 2.4rem;
      padding-inline: 1.6rem 2.4rem;
    }
    .head {
      flex: none;
      height: 4.4rem;
      margin: 0 0 0.8rem;
    }
    /* Read from the back of the room: as large as the team names, never cut. */
    .banner {
      flex: none;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      min-height: 4.4rem;
      margin: 0 0 0.8rem;
      padding: 0.6rem 2.4rem;
      border-radius: var(--jam-radius-lg);
      background: var(--jam-color-accent);
      color: var(--jam-color-on-accent);
      font-size: var(--jam-screen-text-md);
      font-weight: var(--jam-font-weight-bold);
      line-height: 1.2;
      text-align: center;
    }
    .banner.ended {
      background: var(--jam-color-gold);
      color: var(--jam-color-on-medal);
    }
    .banner .second {
      display: block;
      font-size: var(--jam-screen-text-sm);
      font-weight: var(--jam-font-weight-medium);
    }
    .head {
      font-size: var(--jam-screen-text-xs);
      font-weight: var(--jam-font-weight-medium);
      color: var(--jam-color-text-muted);
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    .head span:first-child {
      text-align: center;
    }
    .num {
      text-align: end;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      flex: 1 1 auto;
      min-height: 0;
      display: grid;
      grid-template-rows: repeat(var(--rows), minmax(0, 1fr));
      row-gap: 0.8rem;
    }
    .row {
      container-type: size;
      height: 100%;
      min-height: 0;
      background: var(--jam-color-surface);
      border: 1px solid var(--jam-color-border);
      border-radius: var(--jam-radius-lg);
      overflow: hidden;
      will-change: transform;
    }
    .row.medal {
      background: var(--jam-color-surface-raised);
    }
    .badge {
      justify-self: center;
      display: grid;
      place-items: center;
      width: min(5.6rem, 80cqh);
      height: min(5.6rem, 80cqh);
      border-radius: 50%;
      font-size: min(var(--jam-screen-text-md), 42cqh);
      font-weight: var(--jam-font-weight-bold);
      font-variant-numeric: tabular-nums;
      background: var(--jam-color-surface-raised);
      color: var(--jam-color-text);
    }
    .badge.gold {
      background: var(--jam-color-gold);
      color: var(--jam-color-on-medal);
    }
    .badge.silver {
      background: var(--jam-color-silver);
      color: var(--jam-color-on-medal);
    }
    .badge.bronze {
      background: var(--jam-color-bronze);
      color: var(--jam-color-on-medal);
    }
    .name {
      font-size: min(var(--jam-screen-text-lg), 52cqh);
      font-weight: var(--jam-font-weight-medium);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      line-height: 1.2;
    }
    .solved {
      text-align: end;
      font-size: min(var(--jam-screen-text-md), 42cqh);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .of {
      color: var(--jam-color-text-muted);
    }
    .score {
      text-align: end;
      font-size: min(var(--jam-screen-text-xl), 66cqh);
      font-weight: var(--jam-font-weight-bold);
      line-height: 1;
      white-space: nowrap;
    }
    .empty {
      margin: 4rem 0 0;
      text-align: center;
      font-size: var(--jam-screen-text-md);
      color: var(--jam-color-text-muted);
    }
  `,
];
