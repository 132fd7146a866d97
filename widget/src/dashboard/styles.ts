import { css } from 'lit';

/** Shared by every dashboard view. */
export const dashboardStyles = css`
  :host {
    --_primary: var(--suora-color-primary, #0a5cad);
    --_text: var(--suora-color-text, #1b1b1b);
    --_muted: #4f5458;
    --_error: #b3261e;
    /* GOV.UK's focus: yellow with black beside it, so the ring shows on white (black) and on dark (yellow). */
    --_focus: #ffdd00;
    --_focus-text: #0b0c0c;
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
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }
  /* A focused link as GOV.UK's: yellow behind black text, a thick black underline. */
  a:focus-visible {
    outline: 3px solid transparent;
    background: var(--_focus);
    color: var(--_focus-text);
    box-shadow: 0 -2px var(--_focus), 0 4px var(--_focus-text);
    text-decoration: none;
  }
  a {
    color: var(--_primary);
  }
  button,
  .button {
    font: inherit;
    cursor: pointer;
    padding: 0.5rem 0.9rem;
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
  /* Every target at least 44 × 44 px (WCAG 2.5.5; GOV.UK's practice): buttons, fields, disclosures, a link on a line of its own (one in a sentence is exempt), and a box's label, which is what is pressed. */
  button,
  .button,
  input:not([type='checkbox']):not([type='radio']),
  select {
    min-height: 2.75rem;
  }
  button,
  .button {
    min-width: 2.75rem;
  }
  a.own-line {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
  }
  label:has(> input[type='checkbox']),
  label:has(> input[type='radio']) {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
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
    /* A select as wide as its longest option (an area's long name) stays inside 320 px. */
    max-width: 100%;
  }
  textarea {
    width: 100%;
    min-height: 6rem;
  }
  .field {
    max-width: 100%;
    display: grid;
    grid-template-columns: minmax(0, auto);
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
  /* An item's history: a line with a dot per step, filled for what the city did in answer. */
  ol.timeline {
    list-style: none;
    margin: 0;
    padding: 0 0 0 0.5rem;
  }
  ol.timeline > li {
    position: relative;
    border-left: 3px solid var(--_line);
    padding: 0 0 1rem 1.25rem;
  }
  ol.timeline > li:last-child {
    border-left-color: transparent;
  }
  ol.timeline > li::before {
    content: '';
    position: absolute;
    left: -0.6rem;
    top: 0.2rem;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 50%;
    border: 3px solid var(--_primary);
    background: #fff;
  }
  ol.timeline > li.received::before,
  ol.timeline > li.replied::before,
  ol.timeline > li.published::before {
    background: var(--_primary);
  }
  ol.timeline > li.note::before {
    border-color: var(--_muted);
    border-radius: 2px;
  }
  ol.timeline p {
    margin: 0 0 0.25rem;
  }
  /* A button with its status beside it; the status keeps its line even when empty (no shift). */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
    margin-block: 0.5rem;
  }
  p.status {
    margin: 0;
    min-height: 1.5em;
  }
  .actions p.status {
    flex: 1 1 10rem;
  }
  /* In a row of fields, the button and its status take a line of their own, so the status has room beside it. */
  .row > .actions {
    flex: 1 1 100%;
    margin-block: 0;
  }
  /* The item's detail: the card and the actions; beside them on a wide screen, contact and history. */
  .detail-layout {
    display: grid;
    gap: 1.5rem;
    grid-template-columns: minmax(0, 1fr);
  }
  @media (min-width: 60rem) {
    .detail-layout {
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      align-items: start;
    }
    .detail-side {
      grid-column: 2;
      grid-row: 1 / span 2;
    }
    .item-card,
    .detail-main {
      grid-column: 1;
    }
  }
  .detail-side {
    display: grid;
    gap: 1rem;
  }
  .detail-side section,
  .detail-main section {
    margin-block: 0 1.5rem;
  }
  .item-card {
    padding: 1rem 1.25rem;
    border-top: 6px solid var(--_primary);
  }
  .item-state {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0 0 0.75rem;
  }
  blockquote.quote {
    margin: 0 0 1rem;
    padding: 0.5rem 0 0.5rem 1rem;
    border-left: 5px solid var(--_line);
    font-size: 1.125rem;
  }
  /* Label–value pairs in a grid of short columns; one column when .single or narrow. */
  dl.facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: 0.75rem 1.5rem;
    margin: 0;
  }
  dl.facts.single {
    grid-template-columns: minmax(0, 1fr);
  }
  dl.facts dt {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  dl.facts dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .overdue {
    color: var(--_error);
  }
  /* Scores: headline figures, the trend, the distribution as bars. */
  .csat-explained {
    max-width: 46rem;
  }
  dl.key-figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0.75rem;
    margin: 0 0 1rem;
  }
  .key-figure {
    border: 1px solid var(--_line);
    border-left: 6px solid var(--_primary);
    border-radius: 4px;
    padding: 0.5rem 0.75rem;
  }
  .key-figure dt {
    font-weight: 600;
  }
  .key-figure dd {
    margin: 0;
  }
  .key-figure dd.big {
    font-size: 1.75rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .chart-figure {
    margin: 1rem 0;
    max-width: 52rem;
  }
  ul.legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
    font-size: 0.875rem;
  }
  .key {
    display: inline-block;
    width: 1.5rem;
    height: 0;
    margin-right: 0.375rem;
    vertical-align: middle;
    border-top: 3px solid #0a5cad;
  }
  .key.other {
    border-top: 3px dashed #505a5f;
  }
  .key.count {
    height: 0.75rem;
    width: 0.5rem;
    border: 0;
    background: #6f777b;
  }
  .distributions {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
    gap: 1rem 2rem;
    margin-block: 1rem;
  }
  .distribution-card h4 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  ul.bars {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  ul.bars li {
    display: grid;
    grid-template-columns: 4.5rem minmax(0, 1fr) 6.5rem;
    gap: 0.5rem;
    align-items: center;
    font-variant-numeric: tabular-nums;
  }
  .bar-track {
    display: block;
    background: #f3f2f1;
  }
  details.figures {
    margin-block: 1rem;
  }
  /*
   * A table of figures that becomes one block per row when its box is narrow: nothing cut off,
   * no scrolling. Each cell's label stands above its value, the whole width its own, so no
   * label is broken inside a word and every value starts at the same edge.
   */
  .table-wrap {
    container-type: inline-size;
  }
  @container (max-width: 36rem) {
    table.stacking thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    table.stacking tr {
      display: block;
      border-bottom: 1px solid var(--_line);
      padding-block: 0.375rem;
    }
    table.stacking th[scope='row'],
    table.stacking td {
      display: block;
      border: 0;
      padding: 0.25rem 0;
      text-align: left;
      overflow-wrap: anywhere;
    }
    table.stacking td::before {
      content: attr(data-label);
      display: block;
      color: var(--_muted);
      overflow-wrap: break-word;
    }
  }
  /* A table of ten columns stacks sooner. */
  @container (max-width: 60rem) {
    table.stacking.wide thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    table.stacking.wide tr {
      display: block;
      border-bottom: 1px solid var(--_line);
      padding-block: 0.375rem;
    }
    table.stacking.wide th[scope='row'],
    table.stacking.wide td {
      display: block;
      border: 0;
      padding: 0.25rem 0;
      text-align: left;
      overflow-wrap: anywhere;
    }
    table.stacking.wide td::before {
      content: attr(data-label);
      display: block;
      color: var(--_muted);
      overflow-wrap: break-word;
    }
  }
  /* The area's figure beside one's own, under its long label: a number never broken in two. */
  table.stacking.wide td.area {
    overflow-wrap: normal;
  }
  /* A signature as mail shows it, in a frame; its code behind a disclosure. */
  /* The mail's look, not the dashboard's tables. */
  .signature-preview td {
    border: 0;
  }
  .signature-preview {
    border: 1px solid var(--_line);
    border-radius: 4px;
    padding: 0.75rem;
    background: #fff;
    overflow-wrap: anywhere;
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
    /* Holds its visually hidden header texts (absolutely placed), or they widen the page at 320 px. */
    position: relative;
  }
  section {
    margin-block: 1.5rem;
  }
  pre,
  code {
    font-family: ui-monospace, monospace;
    font-size: 0.875rem;
  }
  /* A link's long address breaks anywhere rather than widen the page at 320 px. */
  code {
    overflow-wrap: anywhere;
  }
  pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: #f4f6f8;
    padding: 0.5rem;
    margin: 0.25rem 0;
  }
  details summary {
    padding-block: 0.625rem;
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
  /* A view's own list of parts (the admin view's): links in a row that wraps at 320 px. */
  .subnav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0.5rem 0 1rem;
    padding: 0;
  }
  .subnav a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    font-weight: 600;
  }
  .subnav a[aria-current='page'] {
    color: var(--_text);
    text-decoration: none;
    border-bottom: 4px solid var(--_primary);
  }
`;
