import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { LOCALES, type Me } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { DashboardView } from './view.js';

/**
 * The signed-in person's own settings: the language of the mail Suora sends them (saved on
 * Save), and where to set their deputy and find their survey links. Fires `me-changed`
 * with the new profile, so the header and other views see it.
 */
export class SuoraMySettings extends DashboardView {
  /** The dashboard's sections this person has: the pointers lead only where they may go. */
  @property({ attribute: false }) accessor offered: string[] = [];

  protected async load(): Promise<void> {}

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const locale = String(new FormData(event.target as HTMLFormElement).get('locale'));
    let me: Me | undefined;
    if (await this.change('settings', async () => void (me = await api<Me>('PATCH', '/api/me/settings', { locale })))) {
      this.dispatchEvent(new CustomEvent('me-changed', { detail: me, bubbles: true, composed: true }));
    }
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${t.tabs.settings}</h2>
      <form @submit=${this.save} aria-labelledby="mail-h">
        <h3 id="mail-h">${t.mailLanguage}</h3>
        <div class="field"><label for="my-locale">${t.mailLanguageField}</label>
          <select id="my-locale" name="locale" aria-describedby="my-locale-hint">${LOCALES.map(
            (l) => html`<option value=${l} lang=${l} ?selected=${l === this.me.locale}>${t.localeNames[l]}</option>`,
          )}</select></div>
        <p id="my-locale-hint" class="muted">${t.mailLanguageHint}</p>
        ${this.renderActions('settings', html`<button type="submit">${t.save}</button>`)}
      </form>
      ${this.offered.includes('away')
        ? html`<section aria-labelledby="away-h"><h3 id="away-h">${t.tabs.away}</h3>
            <p>${t.awayPointer} <a href="#away">${t.tabs.away}</a></p></section>`
        : nothing}
      ${this.offered.includes('links') || this.offered.includes('admin')
        ? html`<section aria-labelledby="links-h"><h3 id="links-h">${t.tabs.links}</h3>
            <p>${t.linksPointer} ${this.offered.includes('links')
              ? html`<a href="#links">${t.tabs.links}</a>`
              : html`<a href="#admin/links">${t.allLinks}</a>`}</p></section>`
        : nothing}`;
  }
}

defineElement('suora-my-settings', SuoraMySettings);
