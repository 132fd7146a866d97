import { css } from 'lit';

// Lengths are in em of the frame's font size (shared/frame.ts): a page's rem (html { font-size: 62.5% }) must not size the widget.
export const styles = css`
  .frame {
    --_primary: var(--suora-color-primary, #0a5cad);
    --_on-primary: var(--suora-color-on-primary, #fff);
    --_text: var(--suora-color-text, #1b1b1b);
    --_muted: var(--suora-color-muted, #4f5458);
    --_background: var(--suora-color-background, #fff);
    --_error: var(--suora-color-error, #b3261e);
    --_focus: var(--suora-color-focus, #ffbf47);
    --_radius: var(--suora-radius, 6px);
  }
  :host([mode='button']),
  :host([mode='button']) .edge,
  :host([mode='button']) .frame {
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
    gap: 1em;
    max-width: 40em;
    padding: 1.25em;
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
    font-size: 1.375em;
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
    gap: 0.5em 1em;
    align-items: center;
    justify-content: space-between;
  }
  /* Whatever comes first in the dialog (the form's header, the thank-you's heading) wraps before the close button. */
  dialog .header,
  dialog .sent {
    padding-right: 2.75em;
  }
  .note,
  .hint {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .reserved {
    visibility: hidden;
  }
  .hint.over,
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 0.25em;
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
    gap: 0.5em;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25em;
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  select,
  textarea {
    width: 100%;
    min-height: 2.75em; /* 44 px: every target */
    padding: 0.5em 0.625em;
    color: inherit;
    background: #fff;
    border: 2px solid #505a5f;
    border-radius: calc(var(--_radius) / 2);
  }
  textarea {
    resize: vertical;
    min-height: 7em;
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
  /* The label is what is pressed: 44 px tall at least. */
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: center;
    min-height: 2.75em;
    font-weight: 400;
  }
  .choice input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .contact .field {
    max-width: 26em;
  }
  .rating-options {
    display: flex;
    gap: 0.5em;
  }
  .rating-option {
    position: relative;
    flex: 1 1 0;
    max-width: 4em;
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
    height: 2.4em;
    border: 2px solid #505a5f;
    border-radius: var(--_radius);
    font-size: 1.25em;
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
  button,
  input,
  select,
  textarea {
    font: inherit;
  }
  button {
    cursor: pointer;
    border-radius: var(--_radius);
  }
  .primary,
  .open {
    justify-self: start;
    padding: 0.625em 1.25em;
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
    padding: 0.5em 1em;
    color: var(--_primary);
    background: #fff;
    border: 2px solid var(--_primary);
  }
  /* Alone on its line, a link is a target like a button: 44 px tall, its text centred. */
  .link {
    display: inline-flex;
    align-items: center;
    min-height: 2.75em;
    padding: 0;
    border: none;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
  }
  .hint .link {
    min-height: calc(2.75em / 0.9375); /* 44 px in the hint's smaller text */
  }
  .languages {
    display: flex;
    gap: 0.25em;
  }
  .languages button {
    /* 44 px at this 14 px size. */
    min-width: calc(2.75em / 0.875);
    min-height: calc(2.75em / 0.875);
    padding: 0.29em 0.58em;
    font-size: 0.875em;
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
    gap: 0.5em;
    padding: 0.75em 1em;
    border-left: 5px solid var(--_error);
    background: #fdf3f2;
  }
  .reference {
    font-family: ui-monospace, monospace;
    font-size: 1.125em;
    letter-spacing: 0.05em;
  }
  /* A manual popover: the top layer keeps it in the viewport whatever its ancestors' transform, filter, contain or overflow. */
  .open {
    position: fixed;
    inset: auto 1em 1em auto;
    margin: 0;
    z-index: 2147483000;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.3);
  }
  dialog {
    width: min(40em, calc(100vw - 1em));
    max-height: calc(100dvh - 1em);
    padding: 1.25em;
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
    top: 0.5em;
    right: 0.5em;
    /* 44 px at this 24 px size. */
    width: calc(2.75em / 1.5);
    height: calc(2.75em / 1.5);
    font-size: 1.5em;
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
  @media (max-width: 30em) {
    form,
    .sent {
      padding: 1em;
    }
    dialog {
      padding: 1em;
    }
  }
`;
