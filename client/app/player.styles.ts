import { css } from 'lit';

/** Surfaces, headings, badges and links the player views share. */
export const playerStyles = css`
  a {
    color: var(--jam-color-accent);
    text-underline-offset: 0.15em;
  }
  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 0;
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    box-shadow: var(--jam-focus-ring);
    border-radius: var(--jam-radius-sm);
  }
  .surface {
    background: var(--jam-color-surface);
    border: 1px solid var(--jam-color-border);
    border-radius: var(--jam-radius-lg);
    padding: var(--jam-space-5);
  }
  .muted {
    color: var(--jam-color-text-muted);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: var(--jam-space-1);
    padding: 0 var(--jam-space-2);
    border: 1px solid currentColor;
    border-radius: var(--jam-radius-pill);
    font-size: var(--jam-font-size-xs);
    font-weight: var(--jam-font-weight-medium);
    line-height: 1.6;
    white-space: nowrap;
  }
  .badge.easy,
  .badge.solved {
    color: var(--jam-color-success);
  }
  .badge.medium {
    color: var(--jam-color-accent);
  }
  .badge.hard {
    color: var(--jam-color-warning);
  }
  .badge.expert {
    color: var(--jam-color-danger);
  }
  .notice {
    padding: var(--jam-space-3) var(--jam-space-4);
    border-radius: var(--jam-radius-md);
    border: 1px solid var(--jam-color-border);
    border-inline-start: 4px solid var(--jam-color-accent);
    background: var(--jam-color-surface-raised);
    margin: 0;
  }
  .notice.warning {
    border-inline-start-color: var(--jam-color-warning);
  }
  .notice.success {
    border-inline-start-color: var(--jam-color-success);
  }
  .prose {
    overflow-wrap: anywhere;
  }
  .prose :first-child {
    margin-top: 0;
  }
  .prose :last-child {
    margin-bottom: 0;
  }
  .prose code {
    font-family: var(--jam-font-family-mono);
    font-size: 0.92em;
    background: var(--jam-color-surface-raised);
    padding: 0 0.25em;
    border-radius: var(--jam-radius-sm);
  }
  .prose pre {
    background: var(--jam-color-surface-raised);
    padding: var(--jam-space-3);
    border-radius: var(--jam-radius-md);
    overflow-x: auto;
  }
  .prose pre code {
    background: none;
    padding: 0;
  }
  .tabular {
    font-variant-numeric: tabular-nums;
  }
`;
