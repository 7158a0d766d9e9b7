import { css } from 'lit';
import { base } from '../styles/shared.ts';

export const podiumStyles = [
  base,
  css`
    :host {
      display: block;
      min-height: 0;
      overflow: hidden;
    }
    .stage {
      height: 100%;
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    h2 {
      flex: none;
      margin: 0 0 2.4rem;
      text-align: center;
      font-size: var(--jam-screen-text-xl);
    }
    h2 .second {
      display: block;
      font-size: var(--jam-screen-text-md);
      color: var(--jam-color-text-muted);
    }
    .podium {
      flex: 1 1 auto;
      min-height: 0;
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      align-items: end;
      gap: 2.4rem;
    }
    .place {
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      min-width: 0;
      height: 100%;
    }
    .who {
      display: grid;
      justify-items: center;
      gap: 0.4rem;
      padding: 0 1.6rem 1.6rem;
      text-align: center;
      min-width: 0;
    }
    /* The podium has the whole screen: names as large as the room needs them. */
    .name {
      max-width: 100%;
      font-size: var(--jam-screen-text-xl);
      font-weight: var(--jam-font-weight-bold);
      line-height: 1.2;
      overflow-wrap: anywhere;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .p1 .name {
      font-size: 6.4rem;
    }
    .score {
      font-size: var(--jam-screen-text-lg);
      font-weight: var(--jam-font-weight-bold);
      font-variant-numeric: tabular-nums;
    }
    .solved {
      font-size: var(--jam-screen-text-sm);
      color: var(--jam-color-text-muted);
    }
    .step {
      display: grid;
      place-items: start center;
      padding-top: 2rem;
      border-radius: 1.6rem 1.6rem 0 0;
      color: var(--jam-color-on-medal);
    }
    .medal {
      font-size: var(--jam-screen-text-xl);
      font-weight: var(--jam-font-weight-bold);
    }
    .p1 .step {
      height: 34rem;
      background: var(--jam-color-gold);
    }
    .p2 .step {
      height: 26rem;
      background: var(--jam-color-silver);
    }
    .p3 .step {
      height: 19rem;
      background: var(--jam-color-bronze);
    }
    /* Each place rises once, when the MC's sequence shows it; a waiting place keeps its step. */
    .stage:not(.still) .place:not(.waiting) .who {
      animation: rise 1.2s var(--jam-easing) both;
    }
    .stage:not(.still) .rest {
      animation: appear 1s ease both;
    }
    .waiting .step {
      background: var(--jam-color-surface-raised);
      color: var(--jam-color-text-muted);
    }
    .rest {
      flex: none;
      list-style: none;
      margin: 2.4rem 0 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      grid-template-rows: repeat(4, auto);
      grid-auto-flow: column;
      gap: 0.8rem 2.4rem;
    }
    .rest li {
      display: grid;
      grid-template-columns: 5rem minmax(0, 1fr) auto;
      gap: 1.6rem;
      align-items: center;
      padding: 0.8rem 1.6rem;
      border-radius: var(--jam-radius-md);
      background: var(--jam-color-surface);
      font-size: var(--jam-screen-text-sm);
      font-variant-numeric: tabular-nums;
    }
    .rank {
      text-align: center;
      color: var(--jam-color-text-muted);
    }
    .rest-name {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .rest-score {
      font-weight: var(--jam-font-weight-bold);
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(8rem);
      }
    }
    @keyframes appear {
      from {
        opacity: 0;
      }
    }
  `,
];
