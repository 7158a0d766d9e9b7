import { css } from 'lit';
import { base, buttons, focusRing } from '../styles/shared.ts';

export const dialogStyles = [
  base,
  buttons,
  focusRing,
  css`
    :host {
      display: contents;
    }
    dialog {
      padding: 0;
      border: none;
      background: transparent;
      color: var(--jam-color-text);
      max-width: min(var(--jam-dialog-width, 34rem), calc(100vw - 2 * var(--jam-space-4)));
      width: 100%;
      overflow: visible;
    }
    dialog::backdrop {
      background: var(--jam-color-backdrop);
    }
    dialog[open] .panel {
      animation: enter var(--jam-duration-medium) var(--jam-easing);
    }
    .panel {
      display: flex;
      flex-direction: column;
      max-height: calc(100dvh - 2 * var(--jam-space-6));
      background: var(--jam-color-surface);
      border: 1px solid var(--jam-color-border);
      border-radius: var(--jam-radius-lg);
      box-shadow: var(--jam-shadow-raised);
    }
    header {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: var(--jam-space-3);
      padding: var(--jam-space-5) var(--jam-space-5) 0;
    }
    h2 {
      margin: 0;
      font-size: var(--jam-font-size-xl);
      line-height: 1.3;
    }
    .close {
      min-height: 2rem;
      padding: 0 var(--jam-space-2);
      font-size: var(--jam-font-size-xl);
      line-height: 1;
      margin: calc(-1 * var(--jam-space-1)) calc(-1 * var(--jam-space-2)) 0 0;
    }
    .body {
      padding: var(--jam-space-4) var(--jam-space-5);
      overflow: auto;
    }
    footer {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--jam-space-2);
      padding: 0 var(--jam-space-5) var(--jam-space-5);
    }
    @keyframes enter {
      from {
        opacity: 0;
        transform: translateY(0.75rem) scale(0.98);
      }
    }
  `,
];
