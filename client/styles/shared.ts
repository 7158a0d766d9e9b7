import { css } from 'lit';

/** Box sizing and font inheritance every component starts from. */
export const base = css`
  :host {
    box-sizing: border-box;
    font-family: var(--jam-font-family);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
`;

/** Hidden from sight, still read by screen readers. */
export const srOnly = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Numbers that change in place keep their width. */
export const tabular = css`
  .tabular {
    font-variant-numeric: tabular-nums;
    font-feature-settings: 'tnum' 1;
  }
`;

export const focusRing = css`
  :focus-visible {
    outline: none;
    box-shadow: var(--jam-focus-ring);
  }
`;

/** Buttons: `.btn` neutral, `.btn.primary`, `.btn.danger`, `.btn.ghost`. */
export const buttons = css`
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--jam-space-2);
    min-height: 2.5rem;
    padding: var(--jam-space-2) var(--jam-space-4);
    border: 1px solid var(--jam-color-border);
    border-radius: var(--jam-radius-md);
    background: var(--jam-color-surface-raised);
    color: var(--jam-color-text);
    font: inherit;
    font-weight: var(--jam-font-weight-medium);
    cursor: pointer;
    transition: filter var(--jam-duration-fast) ease;
  }
  .btn:hover:not(:disabled) {
    filter: brightness(1.08);
  }
  .btn:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .btn.primary {
    background: var(--jam-color-accent);
    border-color: var(--jam-color-accent);
    color: var(--jam-color-on-accent);
  }
  .btn.danger {
    background: var(--jam-color-danger);
    border-color: var(--jam-color-danger);
    color: var(--jam-color-on-accent);
  }
  .btn.ghost {
    background: transparent;
    border-color: transparent;
  }
`;

/** Labelled form fields: `<label class="field"><span>Label</span><input></label>`. */
export const fields = css`
  .field {
    display: grid;
    gap: var(--jam-space-1);
    font-weight: var(--jam-font-weight-medium);
  }
  .field .hint {
    font-weight: var(--jam-font-weight-normal);
    font-size: var(--jam-font-size-sm);
    color: var(--jam-color-text-muted);
  }
  input,
  select,
  textarea {
    font: inherit;
    font-weight: var(--jam-font-weight-normal);
    color: var(--jam-color-text);
    background: var(--jam-color-surface);
    border: 1px solid var(--jam-color-border);
    border-radius: var(--jam-radius-md);
    padding: var(--jam-space-2) var(--jam-space-3);
    min-height: 2.5rem;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: none;
    border-color: var(--jam-color-focus);
    box-shadow: var(--jam-focus-ring);
  }
  .error-text {
    color: var(--jam-color-danger);
    font-size: var(--jam-font-size-sm);
    margin: 0;
  }
`;
