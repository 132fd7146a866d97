import { css } from 'lit';

/** Shared by every dashboard view. */
export const dashboardStyles = css`
  :host {
    --_primary: var(--suora-color-primary, #0a5cad);
    --_text: var(--suora-color-text, #1b1b1b);
    --_muted: #4f5458;
    --_error: #b3261e;
    --_focus: #ffbf47;
    --_line: #b1b4b6;
    display: block;
    color: var(--_text);
    font-family: var(--suora-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    line-height: 1.5;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 0.5rem;
  }
  h1 {
    font-size: 1.75rem;
  }
  h2 {
    font-size: 1.375rem;
  }
  h3 {
    font-size: 1.125rem;
  }
  [tabindex='-1']:focus,
  [tabindex='-1']:focus-visible {
    outline: none;
    box-shadow: none;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
    box-shadow: 0 0 0 1px var(--_text);
  }
  a {
    color: var(--_primary);
  }
  button,
  .button {
    font: inherit;
    cursor: pointer;
    padding: 0.4rem 0.9rem;
    border-radius: 6px;
    border: 2px solid var(--_primary);
    background: var(--_primary);
    color: #fff;
    font-weight: 600;
    text-decoration: none;
    display: inline-block;
  }
  button.secondary {
    background: #fff;
    color: var(--_primary);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  label {
    font-weight: 600;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    padding: 0.375rem 0.5rem;
    border: 2px solid #505a5f;
    border-radius: 4px;
    background: #fff;
  }
  textarea {
    width: 100%;
    min-height: 6rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
    justify-items: start;
  }
  .field textarea {
    justify-self: stretch;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
  }
  .muted,
  .hint {
    color: var(--_muted);
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .card {
    border: 1px solid var(--_line);
    border-radius: 6px;
    padding: 0.75rem 1rem;
    background: #fff;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 999px;
    font-size: 0.875rem;
    border: 1px solid currentColor;
  }
  .comment {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  ol.timeline {
    padding-left: 1.5rem;
  }
  ol.timeline > li {
    border-left: 2px solid var(--_line);
    padding-left: 0.75rem;
    margin-bottom: 0.75rem;
  }
  ol.timeline p {
    margin: 0.25rem 0;
  }
  fieldset {
    border: 1px solid var(--_line);
    border-radius: 6px;
    margin: 0 0 0.75rem;
  }
  label.choice {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
    margin-right: 1rem;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding-bottom: 0.25rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.375rem 0.5rem;
    border-bottom: 1px solid var(--_line);
    vertical-align: top;
  }
  td.number,
  th.number {
    text-align: right;
  }
  /* "0 · 2 · 1 · 3 · 5" reads as one row of five counts, not broken over two lines. */
  td.distribution {
    white-space: nowrap;
  }
  .table-wrap {
    overflow-x: auto;
  }
  section {
    margin-block: 1.5rem;
  }
  pre,
  code {
    font-family: ui-monospace, monospace;
    font-size: 0.875rem;
  }
  pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: #f4f6f8;
    padding: 0.5rem;
    margin: 0.25rem 0;
  }
  details summary {
    cursor: pointer;
    color: var(--_primary);
    font-weight: 600;
  }
  .chart {
    width: 100%;
    max-width: 40rem;
    height: auto;
    display: block;
    margin-block: 0.75rem;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
