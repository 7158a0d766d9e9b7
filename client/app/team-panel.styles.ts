import { css } from 'lit';

export const teamPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
    background: var(--jam-color-surface);
  }
  .head {
    display: flex;
    align-items: center;
    gap: var(--jam-space-2);
    padding: var(--jam-space-3) var(--jam-space-4) 0;
  }
  h2 {
    flex: 1;
    font-size: var(--jam-font-size-lg);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .close {
    min-height: 2rem;
    font-size: var(--jam-font-size-lg);
    line-height: 1;
  }
  [role='tablist'] {
    display: flex;
    gap: var(--jam-space-1);
    padding: var(--jam-space-2) var(--jam-space-2) 0;
    border-bottom: 1px solid var(--jam-color-border);
    overflow-x: auto;
  }
  [role='tab'] {
    font: inherit;
    font-size: var(--jam-font-size-sm);
    font-weight: var(--jam-font-weight-medium);
    padding: var(--jam-space-2);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--jam-color-text-muted);
    cursor: pointer;
    white-space: nowrap;
    display: inline-flex;
    align-items: center;
    gap: var(--jam-space-1);
  }
  [role='tab'][aria-selected='true'] {
    color: var(--jam-color-text);
    border-bottom-color: var(--jam-color-accent);
  }
  .unread {
    min-width: 1.25rem;
    padding: 0 0.35rem;
    border-radius: var(--jam-radius-pill);
    background: var(--jam-color-accent);
    color: var(--jam-color-on-accent);
    font-size: var(--jam-font-size-xs);
    line-height: 1.25rem;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  [role='tabpanel'] {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: var(--jam-space-4);
  }
  [role='tabpanel'].chat {
    display: flex;
    flex-direction: column;
    overflow: hidden;
  }
  [role='tabpanel'].chat jam-chat {
    flex: 1;
  }
  .intro {
    margin: 0 0 var(--jam-space-3);
    font-size: var(--jam-font-size-sm);
  }
  .activity {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--jam-space-3);
  }
  .activity li {
    display: grid;
    gap: 0.125rem;
    padding-inline-start: var(--jam-space-3);
    border-inline-start: 3px solid var(--jam-color-border);
  }
  .activity li.solve {
    border-inline-start-color: var(--jam-color-success);
  }
  .activity li.clue {
    border-inline-start-color: var(--jam-color-warning);
  }
  .activity time {
    font-size: var(--jam-font-size-xs);
    color: var(--jam-color-text-muted);
  }
  h3 {
    font-size: var(--jam-font-size-md);
    margin: var(--jam-space-5) 0 var(--jam-space-2);
  }
  /* Written on several lines by the facilitators, read the same way. */
  .announcement-text {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .announcements {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--jam-space-2);
  }
`;
