import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    gap: var(--jam-space-3);
  }
  .log {
    flex: 1;
    min-height: 8rem;
    overflow-y: auto;
    padding: var(--jam-space-1);
    display: flex;
    flex-direction: column;
  }
  .items {
    flex: 1;
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--jam-space-2);
  }
  .older {
    align-self: center;
  }
  .msg {
    max-width: 92%;
    align-self: flex-start;
    padding: var(--jam-space-2) var(--jam-space-3);
    border-radius: var(--jam-radius-md);
    background: var(--jam-color-surface-raised);
    border: 1px solid var(--jam-color-border);
  }
  .msg.mine {
    align-self: flex-end;
    border-color: var(--jam-color-accent);
  }
  .msg.staff {
    border-inline-start: 4px solid var(--jam-color-warning);
  }
  .who {
    display: flex;
    gap: var(--jam-space-2);
    align-items: baseline;
    font-size: var(--jam-font-size-xs);
    color: var(--jam-color-text-muted);
  }
  .who strong {
    color: var(--jam-color-text);
    font-size: var(--jam-font-size-sm);
  }
  .text {
    margin: var(--jam-space-1) 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .text.folded {
    display: -webkit-box;
    -webkit-line-clamp: 5;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .more {
    margin-top: var(--jam-space-1);
    font-size: var(--jam-font-size-sm);
  }
  .count {
    font-size: var(--jam-font-size-xs);
    color: var(--jam-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .count.over {
    color: var(--jam-color-danger);
    font-weight: var(--jam-font-weight-bold);
  }
  .note {
    display: flex;
    flex-wrap: wrap;
    gap: var(--jam-space-2);
    align-items: center;
    font-size: var(--jam-font-size-xs);
    color: var(--jam-color-text-muted);
    margin-top: var(--jam-space-1);
  }
  .link {
    font: inherit;
    background: none;
    border: 0;
    padding: 0;
    color: var(--jam-color-accent);
    text-decoration: underline;
    cursor: pointer;
  }
  form {
    display: grid;
    gap: var(--jam-space-2);
  }
  .label {
    font-size: var(--jam-font-size-sm);
    font-weight: var(--jam-font-weight-medium);
  }
  textarea {
    width: 100%;
    min-height: 4rem;
    max-height: 10rem;
    resize: vertical;
  }
  .send {
    display: flex;
    align-items: center;
    gap: var(--jam-space-3);
  }
  .send .hint {
    flex: 1;
    font-size: var(--jam-font-size-xs);
    color: var(--jam-color-text-muted);
  }
  .empty {
    margin: auto 0;
    text-align: center;
  }
`;
