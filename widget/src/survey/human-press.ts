import type { PressKind } from '../../../contract/api.js';

/**
 * Tells a person's press on the survey page from automation's, for mail-security sandboxes
 * (Defender Safe Links detonation, Proofpoint, Mimecast) that open survey links in real
 * browsers and press what they find. Their input through the DevTools protocol is
 * `isTrusted` like a person's, so the judgement rests on what such input lacks:
 *
 * - `automation`: the browser says it is automated (`navigator.webdriver`), or the page was
 *   hidden or without focus at the press (a background tab: no person can press there).
 *   Nothing is sent; the page says why.
 * - `doubtful`: a mouse or pen press with no path to it (fewer than two pointer moves since
 *   the last press: DevTools jumps straight to its point), or a pointer press within a pixel
 *   of the pressed element's centre (where DevTools clicks and taps; a person almost never).
 *   The page asks for a confirming press, judged the same way: a person moving to a new
 *   button passes it, so no person's vote is dropped.
 * - `person`: everything else: a pointer press with a path and off-centre, a touch off-centre,
 *   a key press (Tab, Enter, Space, arrows on the focused control), or an activation with no
 *   pointer or key event at all, which only assistive technology makes (a screen reader's
 *   "default action"; DevTools cannot make one).
 * - `script`: no trusted click behind it: a script's `click()` (untrusted), or a change or
 *   submission without a trusted click in the same task (`requestSubmit()`). Ignored silently.
 *
 * Time on the page is not judged: a sandbox waits as long as it likes, and a person who came
 * to press a preselected rating may be quick (the server's minimum fill time still applies).
 */
export type PressVerdict = 'person' | 'doubtful' | 'automation' | 'script';

interface PointerPress {
  type: string;
  /** Pointer moves seen since the press before this one. */
  moves: number;
  atCentre: boolean;
}

/** Watches the page's input from its start, so that each press can be judged by what led to it. */
export class PressWatcher {
  #moves = 0;
  #last: PointerPress | 'key' | undefined;
  /** The trusted click being handled: a change or submission it causes follows in the same task. */
  #click: Event | undefined;

  constructor(private readonly win: Window = window) {
    const trusted = (listener: (event: Event) => void) => (event: Event) => event.isTrusted && listener(event);
    win.addEventListener('pointermove', trusted(() => this.#moves++), { capture: true, passive: true });
    win.addEventListener('pointerdown', trusted((event) => this.#pointerDown(event as PointerEvent)), { capture: true, passive: true });
    win.addEventListener('keydown', trusted(() => (this.#last = 'key')), { capture: true, passive: true });
    win.addEventListener('click', trusted((event) => this.#clicked(event)), { capture: true, passive: true });
  }

  #pointerDown(event: PointerEvent): void {
    const target = event.composedPath()[0];
    const box = target instanceof Element ? target.getBoundingClientRect() : undefined;
    const atCentre =
      box !== undefined && Math.abs(event.clientX - (box.left + box.width / 2)) <= 1 && Math.abs(event.clientY - (box.top + box.height / 2)) <= 1;
    this.#last = { type: event.pointerType, moves: this.#moves, atCentre };
    this.#moves = 0;
  }

  #clicked(event: Event): void {
    this.#click = event;
    setTimeout(() => this.#click === event && (this.#click = undefined));
  }

  /** The verdict on the press that caused `event` (a click or a change), and how it was made. */
  judge(event: Event): { verdict: PressVerdict; kind: PressKind } {
    const { document, navigator } = this.win;
    const last = this.#last;
    const kind: PressKind = last === undefined ? 'assistive' : last === 'key' ? 'key' : last.type === 'touch' ? 'touch' : 'pointer';
    const click = event.type === 'click' ? event : this.#click;
    if (!event.isTrusted || !click?.isTrusted) return { verdict: 'script', kind };
    if (navigator.webdriver || document.visibilityState !== 'visible' || !document.hasFocus()) {
      return { verdict: 'automation', kind };
    }
    if (typeof last === 'object' && (last.atCentre || (last.type !== 'touch' && last.moves < 2))) return { verdict: 'doubtful', kind };
    return { verdict: 'person', kind };
  }
}
