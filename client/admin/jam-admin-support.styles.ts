import { css } from 'lit';
import { adminSection } from './admin.styles.ts';

export const supportStyles = [
  adminSection,
  css`
    .layout > .panel {
      margin-top: 0;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(16rem, 1fr) minmax(0, 2.2fr);
      gap: var(--jam-space-4);
      align-items: start;
    }
    @media (max-width: 60rem) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    .threads {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--jam-space-2);
    }
    .thread {
      display: grid;
      gap: var(--jam-space-1);
      width: 100%;
      padding: var(--jam-space-2) var(--jam-space-3);
      text-align: start;
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid var(--jam-color-border);
      border-radius: var(--jam-radius-md);
      cursor: pointer;
    }
    /* Nobody has it and the team is waiting: it must catch the eye. */
    .thread.waiting {
      border-color: var(--jam-color-warning);
      border-inline-start-width: 4px;
    }
    .thread .wait {
      color: var(--jam-color-warning);
      font-weight: var(--jam-font-weight-medium);
    }
    .thread[aria-current='true'] {
      background: var(--jam-color-surface-raised);
      border-color: var(--jam-color-accent);
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--jam-space-2);
    }
    .preview {
      color: var(--jam-color-text-muted);
      font-size: var(--jam-font-size-sm);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .view {
      display: grid;
      gap: var(--jam-space-3);
      min-height: 20rem;
    }
    .thread-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--jam-space-3);
    }
    .thread-head h3 {
      margin: 0;
    }
    .messages {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--jam-space-3);
      max-height: 50vh;
      overflow-y: auto;
    }
    .message {
      max-width: 85%;
      padding: var(--jam-space-2) var(--jam-space-3);
      border-radius: var(--jam-radius-md);
      background: var(--jam-color-surface-raised);
      border: 1px solid var(--jam-color-border);
    }
    .message.mine {
      justify-self: end;
      border-color: var(--jam-color-accent);
    }
    .message .meta {
      display: flex;
      gap: var(--jam-space-3);
      font-size: var(--jam-font-size-sm);
      color: var(--jam-color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .message .meta strong {
      color: var(--jam-color-text);
    }
    .message p {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .translation {
      margin-top: var(--jam-space-2);
      padding-top: var(--jam-space-2);
      border-top: 1px dashed var(--jam-color-border);
    }
    .reply {
      display: grid;
      gap: var(--jam-space-2);
      justify-items: start;
    }
    .reply .field {
      width: 100%;
    }
  `,
];
