import { css } from 'lit';
import { base } from '../styles/shared.ts';

export const raceStyles = [
  base,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      overflow: hidden;
      /* The duration token is 0 under prefers-reduced-motion. */
      animation: appear var(--jam-duration-slow) ease both;
    }
    h2 {
      flex: none;
      min-height: 1.2em;
      margin: 0 0 1.2rem;
      text-align: center;
      font-size: var(--jam-screen-text-xl);
      line-height: 1.2;
    }
    .chart {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      overflow: hidden;
    }
    svg {
      position: absolute;
      inset: 0;
      display: block;
      font-family: var(--jam-font-family);
    }
    .grid {
      stroke: var(--jam-color-border);
      stroke-width: 1.5;
    }
    .baseline {
      stroke: var(--jam-color-text-muted);
      stroke-width: 2;
    }
    .axis {
      fill: var(--jam-color-text-muted);
      font-size: var(--jam-screen-text-sm);
      font-variant-numeric: tabular-nums;
    }
    .frozen {
      fill: var(--jam-color-surface);
    }
    .frozen-edge {
      stroke: var(--jam-color-text-muted);
      stroke-width: 2;
    }
    .frozen-label {
      fill: var(--jam-color-text-muted);
      font-size: var(--jam-screen-text-sm);
      font-weight: var(--jam-font-weight-bold);
    }
    .cursor {
      stroke: var(--jam-color-text-muted);
      stroke-width: 2;
      stroke-dasharray: 6 6;
    }
    .line {
      fill: none;
      stroke: var(--c);
      stroke-width: 0.6rem;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .line.dashed {
      stroke-dasharray: 1.6rem 1rem;
      stroke-linecap: butt;
    }
    .leader {
      stroke: var(--c);
      stroke-width: 2;
    }
    .head {
      fill: var(--c);
      stroke: var(--jam-color-bg);
      stroke-width: 3;
    }
    .labels {
      position: absolute;
      inset: 0;
      margin: 0;
      padding: 0;
      list-style: none;
      pointer-events: none;
    }
    .label {
      position: absolute;
      top: 0;
      left: 0;
      width: var(--label-width);
      display: flex;
      align-items: baseline;
      gap: 1.2rem;
      color: var(--c);
      font-size: var(--jam-screen-text-md);
      font-weight: var(--jam-font-weight-bold);
      line-height: 1.2;
      white-space: nowrap;
    }
    .name {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .score {
      flex: none;
      margin-inline-start: auto;
      font-variant-numeric: tabular-nums;
    }
    .empty {
      margin: 8rem auto;
      text-align: center;
      font-size: var(--jam-screen-text-lg);
      color: var(--jam-color-text-muted);
    }
    @keyframes appear {
      from {
        opacity: 0;
      }
    }
  `,
];
