import { css } from 'lit';

export const taskCardStyles = css`
  :host {
    display: block;
  }
  article {
    background: var(--jam-color-surface);
    border: 1px solid var(--jam-color-border);
    border-radius: var(--jam-radius-lg);
    padding: var(--jam-space-5);
    display: grid;
    /* minmax(0, …): a long line in a code block scrolls inside it instead of widening the card past a phone's screen. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--jam-space-4);
  }
  article.solved {
    border-color: var(--jam-color-success);
    border-width: 2px;
  }
  header {
    display: grid;
    gap: var(--jam-space-1);
  }
  .title-row {
    display: flex;
    align-items: center;
    gap: var(--jam-space-3);
    flex-wrap: wrap;
  }
  h2 {
    font-size: var(--jam-font-size-lg);
  }
  .points {
    margin: 0;
    font-size: var(--jam-font-size-sm);
    color: var(--jam-color-text-muted);
  }
  /* The task's fair-play rules: read before answering, so as legible as the points line. */
  .rules {
    margin: 0;
    font-size: var(--jam-font-size-sm);
    color: var(--jam-color-text);
  }
  /* Each rule wraps as a whole on a phone: "誤答 1 回につき −25 点" never breaks inside. */
  .rules .rule {
    display: inline-block;
    max-width: 100%;
    font-weight: var(--jam-font-weight-medium);
  }
  .rules .when {
    display: block;
    color: var(--jam-color-text-muted);
  }
  .badge.closed {
    color: var(--jam-color-warning);
  }
  .breakdown {
    margin: 0;
    font-size: var(--jam-font-size-sm);
    color: var(--jam-color-text-muted);
  }
  .free-in {
    font-size: var(--jam-font-size-sm);
    color: var(--jam-color-success);
    font-variant-numeric: tabular-nums;
  }
  .free {
    color: var(--jam-color-success);
    font-weight: var(--jam-font-weight-medium);
  }
  .release-note {
    color: var(--jam-color-text-muted);
  }
  .clues {
    display: grid;
    gap: var(--jam-space-3);
  }
  .clue {
    padding: var(--jam-space-3) var(--jam-space-4);
    border-radius: var(--jam-radius-md);
    background: var(--jam-color-surface-raised);
    border-inline-start: 4px solid var(--jam-color-warning);
  }
  .clue:focus {
    outline: none;
  }
  .clue:focus-visible {
    box-shadow: var(--jam-focus-ring);
  }
  h3 {
    font-size: var(--jam-font-size-md);
    margin-bottom: var(--jam-space-1);
  }
  form {
    display: grid;
    gap: var(--jam-space-4);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--jam-space-2) var(--jam-space-3);
  }
  .actions .spacer {
    flex: 1;
  }
  .clue-note {
    font-size: var(--jam-font-size-sm);
    color: var(--jam-color-text-muted);
  }
  .feedback:empty {
    display: none;
  }
  /* Scrolled into view with room to spare: the arrival's 0.25rem slide would leave it cut off at the fold. */
  .feedback,
  .result {
    scroll-margin-block: var(--jam-space-4);
  }
  /* Each result arrives as a new element: the flash shows that this one is new. */
  .feedback:not(:empty) {
    animation: arrive var(--jam-duration-slow) var(--jam-easing);
  }
  @media (prefers-reduced-motion: reduce) {
    .feedback:not(:empty) {
      animation: none;
    }
  }
  @keyframes arrive {
    from {
      opacity: 0.2;
      transform: translateY(-0.25rem);
    }
  }
  .result {
    display: grid;
    gap: var(--jam-space-3);
    padding: var(--jam-space-4);
    border-radius: var(--jam-radius-md);
    border: 1px solid var(--jam-color-success);
    border-inline-start-width: 6px;
    background: var(--jam-color-surface-raised);
  }
  .result:focus {
    outline: none;
  }
  .result:focus-visible {
    box-shadow: var(--jam-focus-ring);
  }
  .result strong {
    color: var(--jam-color-success);
    font-size: var(--jam-font-size-lg);
  }
  .progress h3 {
    font-size: var(--jam-font-size-sm);
    margin: var(--jam-space-3) 0 var(--jam-space-1);
  }
  .progress ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--jam-space-1);
  }
  .progress li.done {
    color: var(--jam-color-success);
  }
  .progress li.missing {
    color: var(--jam-color-text);
  }
`;
