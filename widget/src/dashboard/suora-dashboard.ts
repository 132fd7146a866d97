import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Me } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { resolveLocale, SUPPORTED_LOCALES, TRANSLATIONS as WIDGET_TRANSLATIONS, type Locale } from '../shared/localize.js';
import './admin.js';
import { api, ApiFailure } from './api.js';
import './council.js';
import './deputies.js';
import './detail.js';
import './inbox.js';
import { TRANSLATIONS, type DashboardTranslation } from './locales/index.js';
import './links.js';
import './my-settings.js';
import { followLanguage } from './page-shell.js';
import './scores.js';
import './sign-in.js';
import './stats.js';
import './team.js';
import './templates.js';
import { dashboardStyles } from './styles.js';
import type { DashboardView } from './view.js';

type Tab = keyof DashboardTranslation['tabs'];

/** Where the dashboard remembers the language a person chose, across reloads (their mail's language is an account setting). */
const LANGUAGE_KEY = 'suora.dashboard.lang';

function rememberedLanguage(): Locale | undefined {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    return SUPPORTED_LOCALES.find((l) => l === stored);
  } catch {
    return undefined;
  }
}

/** The first of the browser's languages (`navigator.languages`) that the dashboard speaks. */
function browserLanguage(): Locale | undefined {
  for (const tag of navigator.languages ?? []) {
    const found = SUPPORTED_LOCALES.find((l) => l === tag.toLowerCase().split('-')[0]);
    if (found) return found;
  }
  return undefined;
}

/** Which sections each role sees, in order; the first is the landing view. */
const TABS: Record<Me['role'], Tab[]> = {
  official: ['inbox', 'away', 'scores', 'links', 'settings'],
  manager: ['inbox', 'team', 'away', 'scores', 'links', 'settings'],
  'decision-maker': ['council', 'stats', 'settings'],
  admin: ['inbox', 'queue', 'away', 'council', 'stats', 'scores', 'templates', 'admin', 'settings'],
};

/**
 * The dashboard at /dashboard: one app whose sections follow the signed-in person's role.
 * Sections are addressed by the URL fragment (#inbox, #feedback/ID, …), so the browser's
 * back button and bookmarks work. It fires no events and has no slots or parts.
 *
 * @attr lang - `fi`, `sv` or `en`. Default: the language the person last chose here (kept in
 *   `localStorage`), else the first of the browser's languages the dashboard speaks, else the
 *   page's; people can switch in the header.
 *
 * @cssproperty --suora-color-primary - Links, buttons and the current section's mark. Default #0a5cad.
 * @cssproperty --suora-color-text - Text. Default #1b1b1b.
 * @cssproperty --suora-font-family - Default: the system's sans-serif font.
 */
export class SuoraDashboard extends LitElement {
  static override styles = [
    dashboardStyles,
    css`
      :host {
        max-width: 72rem;
        margin: 0 auto;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: center;
        justify-content: space-between;
        border-bottom: 1px solid var(--_line);
        padding-bottom: 0.75rem;
      }
      header h1 {
        margin: 0;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0.75rem 0 0;
        padding: 0;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: 2.75rem;
        font-weight: 600;
      }
      nav a[aria-current='page'] {
        color: var(--_text);
        text-decoration: none;
        border-bottom: 4px solid var(--_primary);
      }
      .languages button {
        padding: 0.125rem 0.5rem;
      }
    `,
  ];

  @state() private accessor me: Me | undefined;
  @state() private accessor signedOut = false;
  @state() private accessor failed = false;
  @state() private accessor route = location.hash.slice(1);

  /** `fi`, `sv` or `en`. Default: the person's last choice, else the browser's language, else the page's. */
  @property({ reflect: true }) override accessor lang = '';

  #onHashChange = () => {
    this.route = location.hash.slice(1);
    // Move focus to the new section's heading once it has loaded (an item's heading comes with
    // the item), as a page load would for a screen reader.
    void this.updateComplete.then(() => this.renderRoot.querySelector<DashboardView>('.section > *')?.focusHeading());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // The person's own choice, remembered; else their browser's first language we have; else the page's.
    if (!this.lang) this.lang = rememberedLanguage() ?? browserLanguage() ?? '';
    window.addEventListener('hashchange', this.#onHashChange);
    void this.loadMe();
  }

  private chooseLanguage(locale: Locale): void {
    this.lang = locale;
    try {
      localStorage.setItem(LANGUAGE_KEY, locale);
    } catch {
      // Storage refused (a private window's quota, a policy): the choice lasts this visit.
    }
  }

  /** The language the page around the dashboard was last put in. */
  #shellLocale: Locale | undefined;

  protected override updated(): void {
    if (this.locale === this.#shellLocale) return;
    this.#shellLocale = this.locale;
    followLanguage(this.locale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  private get locale(): Locale {
    return resolveLocale(this);
  }

  private get t(): DashboardTranslation {
    return TRANSLATIONS[this.locale];
  }

  private async loadMe(): Promise<void> {
    this.failed = false;
    try {
      this.me = await api<Me>('GET', '/api/me');
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) this.signedOut = true;
      else this.failed = true;
    }
  }

  private async signOut(): Promise<void> {
    await api('POST', '/api/logout').catch(() => undefined);
    this.me = undefined;
    this.signedOut = true;
  }

  override render(): TemplateResult {
    const { t } = this;
    if (this.signedOut) {
      return html`<suora-sign-in lang=${this.locale}></suora-sign-in>`;
    }
    if (this.failed) {
      return html`<div role="alert"><p class="error">${t.loadFailed}</p>
        <button type="button" @click=${() => this.loadMe()}>${t.tryAgain}</button></div>`;
    }
    const me = this.me;
    if (!me) return html`<p class="muted">${t.loading}</p>`;
    const tabs = TABS[me.role];
    const [section = tabs[0]!, id = ''] = this.route.split('/');
    const current = section === 'feedback' ? 'inbox' : (tabs.includes(section as Tab) ? section : tabs[0]) as Tab;
    return html`
      <header>
        <div>
          <h1>${t.title}</h1>
          <p class="muted">${t.signedInAs} ${me.name}, ${t.roles[me.role]}</p>
        </div>
        <div class="row">
          <div class="row languages" role="group" aria-label=${WIDGET_TRANSLATIONS[this.locale].languageChoice}>
            ${SUPPORTED_LOCALES.map(
              (l) => html`<button type="button" class=${l === this.locale ? '' : 'secondary'} lang=${l}
                aria-pressed=${l === this.locale} @click=${() => this.chooseLanguage(l)}>${l.toUpperCase()}<span class="visually-hidden">
                ${WIDGET_TRANSLATIONS[l].languageName}</span></button>`,
            )}
          </div>
          <button type="button" class="secondary" @click=${this.signOut}>${t.signOut}</button>
        </div>
      </header>
      <nav aria-label=${t.nav}>
        <ul>
          ${tabs.map(
            (tab) => html`<li><a href="#${tab}" aria-current=${tab === current ? 'page' : nothing}>${t.tabs[tab]}</a></li>`,
          )}
        </ul>
      </nav>
      <div class="section">${section === 'feedback' && id && me.role !== 'decision-maker' ? this.renderDetail(me, id) : this.renderSection(me, current, id)}</div>
    `;
  }

  private renderDetail(me: Me, id: string): TemplateResult {
    return html`<suora-feedback-detail .me=${me} feedback-id=${id} lang=${this.locale}></suora-feedback-detail>`;
  }

  private renderSection(me: Me, tab: Tab, part: string): TemplateResult {
    const lang = this.locale;
    switch (tab) {
      case 'inbox':
        return html`<suora-inbox .me=${me} lang=${lang}></suora-inbox>`;
      case 'queue':
        return html`<suora-inbox queue .me=${me} lang=${lang}></suora-inbox>`;
      case 'scores':
        return html`<suora-scores .me=${me} lang=${lang}></suora-scores>`;
      case 'links':
        return html`<suora-links .me=${me} lang=${lang}></suora-links>`;
      case 'council':
        return html`<suora-council .me=${me} lang=${lang}></suora-council>`;
      case 'stats':
        return html`<suora-stats .me=${me} lang=${lang}></suora-stats>`;
      case 'admin':
        return html`<suora-admin .me=${me} section=${part} lang=${lang}></suora-admin>`;
      case 'away':
        return html`<suora-deputies .me=${me} lang=${lang}></suora-deputies>`;
      case 'team':
        return html`<suora-team .me=${me} lang=${lang}></suora-team>`;
      case 'templates':
        return html`<suora-templates .me=${me} lang=${lang}></suora-templates>`;
      case 'settings':
        return html`<suora-my-settings .me=${me} .offered=${TABS[me.role]} lang=${lang}
          @me-changed=${(e: CustomEvent<Me>) => (this.me = e.detail)}></suora-my-settings>`;
    }
  }
}

defineElement('suora-dashboard', SuoraDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'suora-dashboard': SuoraDashboard;
  }
}
