import { css } from 'lit';

// Lengths in em of the frame's font size (shared/frame.ts); every target at least 44 px (2.75em of 16 px).
export const styles = css`
  .frame {
    --_primary: var(--suora-color-primary, #0a5cad);
    --_text: var(--suora-color-text, #1b1b1b);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: 0 0 0.5em;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  .title {
    font-size: 2em;
  }
  p {
    margin: 0 0 1em;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    justify-content: space-between;
    align-items: center;
    margin-bottom: 1em;
  }
  .languages {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
  }
  .languages a,
  .languages button {
    display: inline-flex;
    align-items: center;
    min-height: 2.75em;
    min-width: 2.75em;
    padding: 0 0.75em;
  }
  .languages [aria-current='true'],
  .languages [aria-pressed='true'] {
    font-weight: 700;
    color: var(--_text);
    text-decoration: none;
    border-bottom: 3px solid var(--_primary);
  }
  a {
    color: var(--_primary);
  }
  .give {
    display: inline-flex;
    align-items: center;
    min-height: 2.75em;
    padding: 0.5em 1.25em;
    margin-bottom: 1.5em;
    color: #fff;
    background: var(--_primary);
    border-radius: 6px;
    font-weight: 600;
    text-decoration: none;
    box-shadow: 0 2px 0 #003078;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 1em 1.5em;
    margin: 0 0 1.5em;
    padding: 1em;
    background: #f3f2f1;
    border-radius: 6px;
  }
  .field {
    display: grid;
    gap: 0.25em;
    flex: 1 1 14em;
    min-width: 0;
  }
  label {
    font-weight: 600;
  }
  select,
  button {
    font: inherit;
    min-height: 2.75em;
    max-width: 100%;
  }
  select {
    width: 100%;
    padding: 0.375em 0.5em;
    color: var(--_text);
    background: #fff;
    border: 2px solid #1b1b1b;
    border-radius: 0;
  }
  button {
    padding: 0.375em 0.875em;
    border: 2px solid var(--_primary);
    border-radius: 6px;
    background: #fff;
    color: var(--_primary);
    font-weight: 600;
    cursor: pointer;
  }
  .summary {
    font-weight: 600;
  }
  .summary:focus {
    outline: none;
  }
  ul {
    list-style: none;
    margin: 0 0 1.5em;
    padding: 0;
    display: grid;
    gap: 1em;
  }
  li {
    border: 1px solid #b1b4b6;
    border-radius: 6px;
    padding: 1em;
  }
  li > :last-child {
    margin-bottom: 0;
  }
  .meta {
    color: #4f5458;
    font-size: 0.9375em;
    margin-bottom: 0.5em;
  }
  .comment,
  .reply p {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .reply {
    margin-top: 0.75em;
    padding: 0.75em 1em;
    border-left: 5px solid var(--_primary);
    background: #eef4fb;
  }
  .reply h3,
  .reply h4,
  .reply h5,
  .reply h6 {
    font-size: 1em;
    margin: 0 0 0.25em;
  }
  .reply p {
    margin: 0;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
    justify-content: space-between;
  }
  :focus-visible {
    outline: 3px solid #ffbf47;
    outline-offset: 0;
    box-shadow: 0 0 0 5px #1b1b1b;
  }
  .error {
    padding: 0.75em 1em;
    border-left: 5px solid #b3261e;
    background: #fdf3f2;
  }
  .error p {
    color: #b3261e;
    font-weight: 600;
  }
`;
