import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { PublicFeedbackItem, PublicFeedbackPage, TopicSummary, TopicsResponse } from '../../../contract/api.js';
import { ApiClient } from '../shared/api-client.js';
import { defineElement } from '../shared/define.js';
import { addFrame, frameStyles } from '../shared/frame.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { resolveLocale, SUPPORTED_LOCALES, type Locale } from '../shared/localize.js';
import { TRANSLATIONS, type PublicFeedTranslation } from './locales/index.js';
import { styles } from './suora-public-feed.styles.js';

const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/** What the person chose, as kept in the page address (`?lang=&topic=&area=&page=`) when the element owns the page. */
interface Choice {
  topic: string;
  area: string;
  page: number;
}

/**
 * Published feedback with the city's replies, newest first, for /public or any city page:
 * filters by area and topic, a pager, and a link to give feedback. Shows no contact data
 * (the server never sends any) and renders every text as text. It fires no events and has no
 * slots or parts.
 *
 * @attr topic - Only this topic (the topic filter is then hidden).
 * @attr service-area - Only this service area (the area filter is then hidden).
 * @attr api - The Suora server's origin. Default: where the script was loaded from.
 * @attr heading-level - The heading's level, 1–6, to fit the page's outline. Default 2.
 * @attr lang - `fi`, `sv` or `en`. Default: the closest `lang` on the page.
 * @attr feedback-href - Where "Give feedback" leads (a page with the form). Default: no such link.
 * @attr address - Keep the language, filters and page in the page's address, so that reload
 *   and a shared link keep them; the language switch then reloads the page in the language chosen.
 *
 * @cssproperty --suora-color-primary - Links, buttons and the reply's edge. Default #0a5cad.
 * @cssproperty --suora-color-text - Text. Default #1b1b1b.
 * @cssproperty --suora-font-family - Default: the page's font.
 */
export class SuoraPublicFeed extends LitElement {
  static override styles = [frameStyles, styles];

  @state() private accessor page: PublicFeedbackPage | undefined;
  @state() private accessor topics: TopicSummary[] = [];
  @state() private accessor failed = false;
  @state() private accessor choice: Choice = { topic: '', area: '', page: 1 };
  /** Which load is current: a slower earlier answer must not replace a later one. */
  #loads = 0;

  /** Only this topic (the topic filter is then hidden). */
  @property() accessor topic = '';
  /** Only this service area (the area filter is then hidden). */
  @property({ attribute: 'service-area' }) accessor serviceArea = '';
  /** The Suora server's origin. Default: where this script was loaded from. */
  @property() accessor api = SCRIPT_ORIGIN;
  /** The heading's level, 1–6, to fit the page's outline. Default 2. */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;
  /** `fi`, `sv` or `en`. Default: the closest `lang` on the page. */
  @property({ reflect: true }) override accessor lang = '';
  /** Where "Give feedback" leads. */
  @property({ attribute: 'feedback-href' }) accessor feedbackHref = '';
  /** Keep the language, filters and page in the page's address. */
  @property({ type: Boolean }) accessor address = false;

  protected override createRenderRoot(): HTMLElement {
    return addFrame(super.createRenderRoot(), this.renderOptions);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.address) return;
    const query = new URLSearchParams(location.search);
    const page = Number(query.get('page'));
    this.choice = { topic: query.get('topic') ?? '', area: query.get('area') ?? '', page: Number.isInteger(page) && page > 1 ? page : 1 };
  }

  private get locale(): Locale {
    return resolveLocale(this);
  }

  private get t(): PublicFeedTranslation {
    return TRANSLATIONS[this.locale];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('lang') || changed.has('topic') || changed.has('serviceArea')) void this.load();
  }

  private async load(): Promise<void> {
    const load = ++this.#loads;
    this.failed = false;
    this.page = undefined;
    const { topic, area, page } = this.choice;
    const query = new URLSearchParams({ locale: this.locale, page: String(page) });
    if (this.topic || topic) query.set('topic', this.topic || topic);
    if (this.serviceArea || area) query.set('serviceArea', this.serviceArea || area);
    try {
      const [feed, topics] = await Promise.all([this.get<PublicFeedbackPage>(`/api/public/feedback?${query}`), this.topicsOrThrow()]);
      if (load !== this.#loads) return;
      this.page = feed;
      this.topics = topics.topics;
    } catch {
      if (load === this.#loads) this.failed = true;
    }
  }

  /** The topics (and through them the areas) for the filters, from the request every Suora element on the page shares. */
  private async topicsOrThrow(): Promise<TopicsResponse> {
    const result = await new ApiClient(this.api || SCRIPT_ORIGIN).topics(this.locale);
    if (!result.ok) throw new Error(result.kind);
    return result.value;
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(new URL(path, this.api || SCRIPT_ORIGIN), { credentials: 'omit' });
    if (!response.ok) throw new Error(String(response.status));
    return (await response.json()) as T;
  }

  /** Shows what was chosen, keeps it in the address, and (after paging or a retry, whose button goes away) moves focus to the results. */
  private async choose(change: Partial<Choice>, focusResults = false): Promise<void> {
    this.choice = { ...this.choice, ...change };
    if (this.address) history.replaceState(history.state, '', this.addressFor(this.locale));
    await this.load();
    if (!focusResults) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary, .error p, .title')?.focus();
  }

  /** This page's address in `locale`, with the current choices. */
  private addressFor(locale: Locale): string {
    const query = new URLSearchParams(location.search);
    const { topic, area, page } = this.choice;
    const set = (name: string, value: string) => (value ? query.set(name, value) : query.delete(name));
    set('lang', locale);
    set('topic', topic);
    set('area', area);
    set('page', page > 1 ? String(page) : '');
    return `${location.pathname}?${query}`;
  }

  override render(): TemplateResult {
    const { t } = this;
    const level = Math.min(6, Math.max(1, this.headingLevel));
    const heading = unsafeStatic(`h${level}`);
    return html`
      <div class="top">${this.renderLanguages()}</div>
      ${staticHtml`<${heading} class="title" tabindex="-1">${t.heading}</${heading}>`}
      <p>${t.intro}</p>
      ${this.feedbackHref ? html`<a class="give" href=${this.feedbackHref}>${t.giveFeedback}</a>` : nothing}
      ${this.renderFilters()}
      ${this.failed
        ? html`<div class="error" role="alert"><p tabindex="-1">${t.failed}</p><button @click=${() => this.choose({}, true)}>${t.tryAgain}</button></div>`
        : this.page
          ? this.renderPage(this.page, level)
          : html`<p role="status">${t.loading}</p>`}
    `;
  }

  /** Links that reload the page in another language when it owns the address; otherwise buttons that switch the element. */
  private renderLanguages(): TemplateResult {
    const current = this.locale;
    return html`<nav class="languages" aria-label=${this.t.language}>
      ${SUPPORTED_LOCALES.map((locale) =>
        this.address
          ? html`<a href=${this.addressFor(locale)} lang=${locale} hreflang=${locale} aria-current=${locale === current ? 'true' : 'false'}>${TRANSLATIONS[locale].languageName}</a>`
          : html`<button type="button" lang=${locale} aria-pressed=${locale === current ? 'true' : 'false'} @click=${() => (this.lang = locale)}>${TRANSLATIONS[locale].languageName}</button>`,
      )}
    </nav>`;
  }

  private renderFilters(): TemplateResult | typeof nothing {
    const { t } = this;
    const area = this.serviceArea || this.choice.area;
    const areas = [...new Map(this.topics.map((topic) => [topic.serviceArea.id, topic.serviceArea.name])).entries()];
    const topics = this.topics.filter((topic) => !area || topic.serviceArea.id === area);
    if (this.topic && this.serviceArea) return nothing;
    return html`<div class="filters" role="search" aria-label=${t.filters}>
      ${this.serviceArea
        ? nothing
        : html`<div class="field">
            <label for="area">${t.area}</label>
            <select id="area" @change=${(e: Event) => {
              const chosen = (e.target as HTMLSelectElement).value;
              const keepTopic = this.topics.some((topic) => topic.id === this.choice.topic && (!chosen || topic.serviceArea.id === chosen));
              void this.choose({ area: chosen, topic: keepTopic ? this.choice.topic : '', page: 1 });
            }}>
              <option value="">${t.allAreas}</option>
              ${areas.map(([id, name]) => html`<option value=${id} ?selected=${id === this.choice.area}>${name}</option>`)}
            </select>
          </div>`}
      ${this.topic
        ? nothing
        : html`<div class="field">
            <label for="topic">${t.topic}</label>
            <select id="topic" @change=${(e: Event) => void this.choose({ topic: (e.target as HTMLSelectElement).value, page: 1 })}>
              <option value="">${t.allTopics}</option>
              ${topics.map((topic) => html`<option value=${topic.id} ?selected=${topic.id === this.choice.topic}>${topic.name}</option>`)}
            </select>
          </div>`}
    </div>`;
  }

  private renderPage(page: PublicFeedbackPage, level: number): TemplateResult {
    const { t, locale } = this;
    const filtered = Boolean(this.choice.topic || this.choice.area);
    if (page.total === 0) return html`<p class="summary" role="status" tabindex="-1">${filtered ? t.emptyFiltered : t.empty}</p>`;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const where = t.pageOf.replace('{page}', formatNumber(locale, page.page)).replace('{pages}', formatNumber(locale, pages));
    const count = t.count.replace('{n}', formatNumber(locale, page.total));
    return html`<p class="summary" role="status" tabindex="-1">${pages > 1 ? `${count} · ${where}` : count}</p>
      <ul>
        ${page.items.map((item) => this.renderItem(item, page.timeZone, Math.min(6, level + 1)))}
      </ul>
      ${pages > 1
        ? html`<nav class="pager" aria-label=${t.pages}>
            ${page.page > 1 ? html`<button @click=${() => this.choose({ page: page.page - 1 }, true)}>← ${t.previous}</button>` : html`<span></span>`}
            <span>${where}</span>
            ${page.page < pages ? html`<button @click=${() => this.choose({ page: page.page + 1 }, true)}>${t.next} →</button>` : html`<span></span>`}
          </nav>`
        : nothing}`;
  }

  /** One item: its topic and area as the heading (what a screen reader's heading list tells apart), then the giver's words and the city's reply. */
  private renderItem(item: PublicFeedbackItem, timeZone: string, level: number): TemplateResult {
    const { t, locale } = this;
    const heading = unsafeStatic(`h${level}`);
    const replyHeading = unsafeStatic(`h${Math.min(6, level + 1)}`);
    return html`<li>
      ${staticHtml`<${heading}>${item.topic?.name ?? t.generalFeedback}</${heading}>`}
      <p class="meta">${item.serviceArea.name} · ${formatDate(locale, item.createdAt, timeZone)} ·
        ${item.rating === null ? t.noRating : t.rating.replace('{n}', String(item.rating))}</p>
      ${item.comment ? html`<p class="comment">${item.comment}</p>` : nothing}
      ${item.reply
        ? html`<div class="reply">
            ${staticHtml`<${replyHeading}>${t.cityReply} · ${formatDate(locale, item.reply.at, timeZone)}</${replyHeading}>`}
            <p>${item.reply.text}</p>
          </div>`
        : html`<p class="meta">${t.awaitingReply}</p>`}
    </li>`;
  }
}

defineElement('suora-public-feed', SuoraPublicFeed);

declare global {
  interface HTMLElementTagNameMap {
    'suora-public-feed': SuoraPublicFeed;
  }
}
