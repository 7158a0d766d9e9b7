import { css } from 'lit';

export const labPanelStyles = css`
  :host {
    display: block;
    margin-bottom: var(--jam-space-4);
  }
  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr) auto;
    gap: var(--jam-space-2) var(--jam-space-3);
    align-items: center;
    margin: var(--jam-space-3) 0;
  }
  dt {
    font-weight: var(--jam-font-weight-medium);
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  code,
  pre {
    font-family: var(--jam-font-family-mono);
    font-size: var(--jam-font-size-sm);
    background: var(--jam-color-surface-raised);
    border-radius: var(--jam-radius-sm);
  }
  code {
    display: block;
    padding: var(--jam-space-1) var(--jam-space-2);
    overflow-wrap: anywhere;
  }
  pre {
    margin: 0;
    padding: var(--jam-space-2) var(--jam-space-3);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  h3 {
    font-size: var(--jam-font-size-sm);
    margin: var(--jam-space-3) 0 var(--jam-space-1);
  }
  .snippet {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: var(--jam-space-2);
    align-items: start;
  }
  details {
    margin: var(--jam-space-3) 0;
  }
  summary {
    cursor: pointer;
    font-weight: var(--jam-font-weight-medium);
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--jam-space-2);
  }
  .tools .btn {
    min-height: 2rem;
    font-size: var(--jam-font-size-sm);
  }
  .error-text {
    color: var(--jam-color-danger);
  }
  @media (max-width: 40rem) {
    dl {
      grid-template-columns: minmax(0, 1fr) auto;
    }
    dt {
      grid-column: 1 / -1;
    }
  }
`;
