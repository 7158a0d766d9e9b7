import { css } from 'lit';
import { base, buttons, fields, focusRing, srOnly, tabular } from '../styles/shared.ts';

/** Panels, tables, chips and form rows shared by the admin console's sections. */
export const adminSection = [
  base,
  buttons,
  fields,
  focusRing,
  srOnly,
  tabular,
  css`
    :host {
      display: block;
    }
    h2 {
      margin: 0;
      font-size: var(--jam-font-size-lg);
    }
    h3 {
      margin: 0 0 var(--jam-space-2);
      font-size: var(--jam-font-size-md);
    }
    p {
      margin: 0;
    }
    .section-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--jam-space-3);
      margin-bottom: var(--jam-space-4);
    }
    .section-head h2 {
      margin-inline-end: auto;
    }
    .panel {
      background: var(--jam-color-surface);
      border: 1px solid var(--jam-color-border);
      border-radius: var(--jam-radius-lg);
      padding: var(--jam-space-4) var(--jam-space-5);
    }
    .panel + .panel {
      margin-top: var(--jam-space-4);
    }
    .muted {
      color: var(--jam-color-text-muted);
    }
    .small {
      font-size: var(--jam-font-size-sm);
    }
    .table-wrap {
      overflow-x: auto;
      border: 1px solid var(--jam-color-border);
      border-radius: var(--jam-radius-lg);
      background: var(--jam-color-surface);
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: var(--jam-font-size-sm);
    }
    th,
    td {
      padding: var(--jam-space-2) var(--jam-space-3);
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--jam-color-border);
    }
    tbody tr:last-child > * {
      border-bottom: none;
    }
    th {
      position: sticky;
      top: 0;
      background: var(--jam-color-surface-raised);
      font-weight: var(--jam-font-weight-medium);
      white-space: nowrap;
      z-index: 1;
    }
    td.num,
    th.num {
      text-align: end;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    td.nowrap {
      white-space: nowrap;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: var(--jam-space-1);
      padding: 0 var(--jam-space-2);
      border-radius: var(--jam-radius-pill);
      border: 1px solid var(--jam-color-border);
      background: var(--jam-color-surface-raised);
      font-size: var(--jam-font-size-xs);
      font-weight: var(--jam-font-weight-medium);
      line-height: 1.6;
      white-space: nowrap;
    }
    .chip.success {
      color: var(--jam-color-success);
      border-color: currentColor;
    }
    .chip.warning {
      color: var(--jam-color-warning);
      border-color: currentColor;
    }
    .chip.danger {
      color: var(--jam-color-danger);
      border-color: currentColor;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--jam-space-2);
    }
    .btn.small {
      min-height: 2rem;
      padding: var(--jam-space-1) var(--jam-space-3);
      font-size: var(--jam-font-size-sm);
    }
    .form-row {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--jam-space-3);
    }
    .form-grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      gap: var(--jam-space-4);
    }
    /* Labels of one or two lines still put every input of a row on the same line. */
    .form-grid .field {
      grid-template-rows: minmax(3.1em, auto) auto auto;
      align-content: start;
    }
    .form-grid .field > span:first-child {
      align-self: end;
    }
    input:not([type='checkbox']):not([type='radio']),
    select {
      height: 2.75rem;
    }
    .stack {
      display: grid;
      gap: var(--jam-space-3);
    }
    .empty {
      padding: var(--jam-space-5);
      text-align: center;
      color: var(--jam-color-text-muted);
    }
    .error-box {
      padding: var(--jam-space-3) var(--jam-space-4);
      border: 1px solid var(--jam-color-danger);
      border-radius: var(--jam-radius-md);
      color: var(--jam-color-danger);
      background: var(--jam-color-surface);
    }
    .mono {
      font-family: var(--jam-font-family-mono);
      overflow-wrap: anywhere;
    }
    fieldset {
      border: none;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    legend {
      padding: 0;
      margin-bottom: var(--jam-space-1);
      font-weight: var(--jam-font-weight-medium);
    }
    .choice {
      display: flex;
      align-items: center;
      gap: var(--jam-space-2);
      font-weight: var(--jam-font-weight-normal);
    }
    input[type='checkbox'],
    input[type='radio'] {
      min-height: auto;
      width: 1.1rem;
      height: 1.1rem;
      accent-color: var(--jam-color-accent);
    }
    textarea {
      resize: vertical;
      min-height: 5rem;
    }
  `,
];
