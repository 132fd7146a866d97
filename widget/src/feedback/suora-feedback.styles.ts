import { css } from 'lit';

export const styles = css`
  :host {
    --_primary: var(--suora-color-primary, #0a5cad);
    --_on-primary: var(--suora-color-on-primary, #fff);
    --_text: var(--suora-color-text, #1b1b1b);
    --_muted: var(--suora-color-muted, #4f5458);
    --_background: var(--suora-color-background, #fff);
    --_error: var(--suora-color-error, #b3261e);
    --_focus: var(--suora-color-focus, #ffbf47);
    --_radius: var(--suora-radius, 6px);
    display: block;
    color: var(--_text);
    font-family: var(--suora-font-family, inherit);
    font-size: 1rem;
    line-height: 1.5;
  }
  :host([mode='button']) {
    display: contents;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  form,
  .sent {
    display: grid;
    gap: 1rem;
    max-width: 40rem;
    padding: 1.25rem;
    background: var(--_background);
    border: 1px solid #b1b4b6;
    border-radius: var(--_radius);
  }
  dialog form,
  dialog .sent {
    border: none;
    padding: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.375rem;
    line-height: 1.3;
  }
  h2:focus {
    outline: none;
    box-shadow: none;
  }
  p {
    margin: 0;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  dialog .header {
    padding-right: 2.75rem;
  }
  .note,
  .hint {
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .hint.over,
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label,
  legend {
    font-weight: 600;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: none;
    display: grid;
    gap: 0.5rem;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25rem;
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  select,
  textarea {
    width: 100%;
    padding: 0.5rem 0.625rem;
    font: inherit;
    color: inherit;
    background: #fff;
    border: 2px solid #505a5f;
    border-radius: calc(var(--_radius) / 2);
  }
  textarea {
    resize: vertical;
    min-height: 7rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  :focus-visible,
  input:focus,
  select:focus,
  textarea:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    font-weight: 400;
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125rem 0 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .contact .field {
    max-width: 26rem;
  }
  .rating-options {
    display: flex;
    gap: 0.5rem;
  }
  .rating-option {
    position: relative;
    flex: 1 1 0;
    max-width: 4rem;
  }
  .rating-option input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .rating-number {
    display: grid;
    place-items: center;
    height: 3rem;
    border: 2px solid #505a5f;
    border-radius: var(--_radius);
    font-size: 1.25rem;
    font-weight: 700;
    background: #fff;
  }
  .rating-option input:checked + .rating-number {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .rating-option input:focus-visible + .rating-number {
    outline: 3px solid var(--_focus);
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .rating-option input[aria-invalid='true'] + .rating-number {
    border-color: var(--_error);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
  }
  .primary,
  .open {
    justify-self: start;
    padding: 0.625rem 1.25rem;
    font-weight: 700;
    color: var(--_on-primary);
    background: var(--_primary);
    border: 2px solid var(--_primary);
  }
  .primary[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  .secondary {
    justify-self: start;
    padding: 0.5rem 1rem;
    color: var(--_primary);
    background: #fff;
    border: 2px solid var(--_primary);
  }
  .link {
    padding: 0;
    border: none;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
  }
  .languages {
    display: flex;
    gap: 0.25rem;
  }
  .languages button {
    min-width: 2.75rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
    font-size: 0.875rem;
    color: var(--_text);
    background: #fff;
    border: 1px solid #505a5f;
  }
  .languages button[aria-pressed='true'] {
    color: var(--_on-primary);
    background: var(--_primary);
    border-color: var(--_primary);
  }
  .failure {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border-left: 5px solid var(--_error);
    background: #fdf3f2;
  }
  .reference {
    font-family: ui-monospace, monospace;
    font-size: 1.125rem;
    letter-spacing: 0.05em;
  }
  .open {
    position: fixed;
    right: 1rem;
    bottom: 1rem;
    z-index: 2147483000;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.3);
  }
  dialog {
    width: min(40rem, calc(100vw - 1rem));
    max-height: calc(100dvh - 1rem);
    padding: 1.25rem;
    border: none;
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_background);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .close {
    position: absolute;
    top: 0.75rem;
    right: 0.75rem;
    width: 2.5rem;
    height: 2.5rem;
    font-size: 1.5rem;
    line-height: 1;
    color: var(--_text);
    background: none;
    border: 1px solid transparent;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (max-width: 30rem) {
    form,
    .sent {
      padding: 1rem;
    }
    dialog {
      padding: 1rem;
    }
  }
`;
