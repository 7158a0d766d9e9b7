import { css } from 'lit';
import { base, buttons, fields, focusRing } from '../styles/shared.ts';

export const shellStyles = [
  base,
  buttons,
  fields,
  focusRing,
  css`
    :host {
      display: block;
      min-height: 100vh;
      background: var(--jam-color-bg);
      color: var(--jam-color-text);
    }
    header {
      display: flex;
      align-items: center;
      gap: var(--jam-space-3) var(--jam-space-4);
      padding: var(--jam-space-2) var(--jam-space-5);
      background: var(--jam-color-surface);
      border-bottom: 1px solid var(--jam-color-border);
    }
    h1 {
      margin: 0;
      font-size: var(--jam-font-size-lg);
      white-space: nowrap;
    }
    .event-name {
      min-width: 0;
      color: var(--jam-color-text-muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .spacer {
      flex: 1;
    }
    .who {
      color: var(--jam-color-text-muted);
      font-size: var(--jam-font-size-sm);
      white-space: nowrap;
    }
    .login {
      display: grid;
      gap: var(--jam-space-4);
      max-width: 28rem;
      margin: var(--jam-space-7) auto;
      padding: var(--jam-space-5);
      background: var(--jam-color-surface);
      border: 1px solid var(--jam-color-border);
      border-radius: var(--jam-radius-lg);
    }
    .login h2 {
      margin: 0;
    }
    .checking {
      margin: var(--jam-space-7) auto;
      text-align: center;
      color: var(--jam-color-text-muted);
    }
  `,
];
