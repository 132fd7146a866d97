import { css, type RenderOptions } from 'lit';

/**
 * A city page's CSS reaches a shadow tree only through what the host element inherits, and a
 * page's rule on the host beats `:host`. So each element renders into a frame that inherits
 * nothing from the page but direction, visibility and (unless themed) the font family: sizes
 * are in em of the frame's `medium`, the reader's default size, never in the page's rem.
 * The frame is a flow root: its children's margins stay inside, whatever the host's display.
 */
export const frameStyles = css`
  :host {
    display: block;
  }
  .frame {
    all: initial;
    display: flow-root;
    visibility: inherit;
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
  frame.className = 'frame';
  for (const type of ['keydown', 'keypress', 'keyup']) frame.addEventListener(type, keepKey);
  root.append(frame);
  return frame;
}
