import { css, html, LitElement, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { defineElement } from '../shared/define.js';
import { dashboardStyles } from './styles.js';

/** What a confirmation says: the question, what will happen (one paragraph each), and the two answers. */
export interface Confirmation {
  title: string;
  consequences: string[];
  confirm: string;
  cancel: string;
}

/**
 * A modal question before a change that cannot be undone or locks someone out. `ask()`
 * opens it (`showModal`: the rest of the page is inert), focus goes to Cancel, Escape or
 * Cancel answers no, and focus returns to what had it, usually the button that asked.
 */
export class SuoraConfirm extends LitElement {
  static override styles = [
    dashboardStyles,
    css`
      dialog {
        max-width: min(32rem, calc(100vw - 2rem));
        border: 2px solid var(--_text);
        border-radius: 8px;
        padding: 1rem 1.25rem;
        color: var(--_text);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
    `,
  ];

  @state() private accessor question: Confirmation | undefined;
  #answer: ((yes: boolean) => void) | undefined;
  #returnFocus: HTMLElement | undefined;

  async ask(question: Confirmation): Promise<boolean> {
    this.#returnFocus = deepActiveElement();
    this.question = question;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog')!;
    dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('button.secondary')?.focus();
    return new Promise((resolve) => (this.#answer = resolve));
  }

  #close(yes: boolean): void {
    this.renderRoot.querySelector('dialog')?.close();
    this.#answer?.(yes);
    this.#answer = undefined;
    this.#returnFocus?.focus();
  }

  override render(): TemplateResult {
    const q = this.question;
    return html`<dialog aria-labelledby="confirm-h" aria-describedby="confirm-what"
      @cancel=${(e: Event) => { e.preventDefault(); this.#close(false); }}>
      ${q
        ? html`<h2 id="confirm-h">${q.title}</h2>
            <div id="confirm-what">${q.consequences.map((c) => html`<p>${c}</p>`)}</div>
            <div class="row">
              <button type="button" class="secondary" @click=${() => this.#close(false)}>${q.cancel}</button>
              <button type="button" @click=${() => this.#close(true)}>${q.confirm}</button>
            </div>`
        : ''}
    </dialog>`;
  }
}

/** The focused element, looked for inside shadow roots too. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

defineElement('suora-confirm', SuoraConfirm);
