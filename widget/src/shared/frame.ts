import { css, type RenderOptions } from 'lit';

/**
 * A city page's CSS reaches a shadow tree only through what the host element inherits, and a
 * page's rule on the host beats `:host`. So each element renders into a frame that inherits
 * nothing from the page but direction, visibility and (unless themed) the font family: sizes
 * are in em of the frame's `medium`, the reader's default size, never in the page's rem.
 * The frame is an inline-block (a flow root: its children's margins stay inside, whatever the
 * host's display) because a page's underline or strike-through (`<u>`, `<del>`, `body {
 * text-decoration: underline }`) is drawn through every in-flow descendant's text, inherited or
 * not, and stops only at an atomic inline such as an inline-block (CSS Text Decoration 3, 2.1).
 * Its line is in `.edge`, whose zero line height adds nothing around it. A page's `zoom` on the
 * element loses to `!important` here (the shadow tree's `!important` wins over the page's).
 */
export const frameStyles = css`
  :host {
    display: block;
    zoom: 1 !important;
  }
  .edge,
  .frame {
    all: initial;
    visibility: inherit;
  }
  .edge {
    display: block;
    font-family: inherit;
    line-height: 0;
  }
  .frame {
    display: inline-block;
    width: 100%;
    vertical-align: top;
    font-family: var(--suora-font-family, inherit);
    font-size: medium;
    line-height: 1.5;
    color: var(--suora-color-text, #1b1b1b);
  }
`;

/**
 * Key events leave a shadow root retargeted to the host, so a page's script sees a key the
 * widget has handled as pressed on a plain element: a WebForms page presses its default
 * button on Enter in the comment. Handled keys stop at the frame; Tab, and Escape outside the
 * dialog, are the page's too. An Escape that closed the dialog ends with its keyup outside it:
 * that keyup stops too.
 */
let escapeKept = false;
function keepKey(event: Event): void {
  const { key, target, type } = event as KeyboardEvent;
  const kept =
    key !== 'Tab' && (key !== 'Escape' || !!(target as Element).closest('dialog[open]') || (type === 'keyup' && escapeKept));
  if (key === 'Escape' && type === 'keydown') escapeKept = kept;
  if (kept) event.stopPropagation();
}

/** Adds the frame to `root`, the element's shadow root: Lit renders into the frame (`options`), not before the root's first child. */
export function addFrame(root: HTMLElement | DocumentFragment, options: RenderOptions): HTMLElement {
  options.renderBefore = null;
  const frame = document.createElement('div');
  const edge = document.createElement('div');
  frame.className = 'frame';
  edge.className = 'edge';
  for (const type of ['keydown', 'keypress', 'keyup']) frame.addEventListener(type, keepKey);
  edge.append(frame);
  root.append(edge);
  return frame;
}
