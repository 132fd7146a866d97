import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { PublicFeedbackPage, TopicSummary, TopicsResponse } from '../../../contract/api.js';
import { ApiClient } from '../shared/api-client.js';
import { defineElement } from '../shared/define.js';
import { addFrame, frameStyles } from '../shared/frame.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { resolveLocale, type Locale } from '../shared/localize.js';
import { TRANSLATIONS, type PublicFeedTranslation } from './locales/index.js';

const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * Published feedback with the city's replies, newest first, for /public or any city page.
 * Shows no contact data (the server never sends any) and renders every text as text.
 * It fires no events and has no slots or parts.
 *
 * @attr topic - Only this topic (the topic filter is then hidden).
 * @attr service-area - Only this service area.
 * @attr api - The Suora server's origin. Default: where the script was loaded from.
 * @attr heading-level - The heading's level, 1–6, to fit the page's outline. Default 2.
 * @attr lang - `fi`, `sv` or `en`. Default: the closest `lang` on the page.
 *
 * @cssproperty --suora-color-primary - Links, buttons and the reply's edge. Default #0a5cad.
 * @cssproperty --suora-color-text - Text. Default #1b1b1b.
 * @cssproperty --suora-font-family - Default: the page's font.
 */
export class SuoraPublicFeed extends LitElement {
  static override styles = [
    frameStyles,
    css`
      ul {
        list-style: none;
        margin: 1em 0;
        padding: 0;
        display: grid;
        gap: 1em;
      }
      li {
        border: 1px solid #b1b4b6;
        border-radius: 6px;
        padding: 0.75em 1em;
      }
      .meta {
        color: #4f5458;
        font-size: 0.9375em;
        margin: 0;
      }
      .comment,
      .reply {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .reply {
        border-left: 4px solid var(--suora-color-primary, #0a5cad);
        padding-left: 0.75em;
        margin: 0.5em 0 0;
      }
      .pager {
        display: flex;
        gap: 1em;
        align-items: center;
      }
      button,
      select {
        font: inherit;
      }
      button {
        padding: 0.375em 0.875em;
        border: 2px solid var(--suora-color-primary, #0a5cad);
        border-radius: 6px;
        background: #fff;
        color: var(--suora-color-primary, #0a5cad);
        font-weight: 600;
        cursor: pointer;
      }
      button[disabled] {
        opacity: 0.5;
        cursor: default;
      }
      :focus-visible {
        outline: 3px solid #ffbf47;
        box-shadow: 0 0 0 1px #1b1b1b;
      }
      .error {
        color: #b3261e;
        font-weight: 600;
      }
    `,
  ];

  @state() private accessor page: PublicFeedbackPage | undefined;
  @state() private accessor topics: TopicSummary[] = [];
  @state() private accessor failed = false;
  @state() private accessor pageNumber = 1;
  @state() private accessor chosenTopic = '';

  /** Only this topic (the topic filter is then hidden). */
  @property() accessor topic = '';
  /** Only this service area. */
  @property({ attribute: 'service-area' }) accessor serviceArea = '';
  /** The Suora server's origin. Default: where this script was loaded from. */
  @property() accessor api = SCRIPT_ORIGIN;
  /** The heading's level, 1–6, to fit the page's outline. Default 2. */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;
  /** `fi`, `sv` or `en`. Default: the closest `lang` on the page. */
  @property({ reflect: true }) override accessor lang = '';

  protected override createRenderRoot(): HTMLElement {
    return addFrame(super.createRenderRoot(), this.renderOptions);
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
    this.failed = false;
    const query = new URLSearchParams({ locale: this.locale, page: String(this.pageNumber) });
    const topic = this.topic || this.chosenTopic;
    if (topic) query.set('topic', topic);
    if (this.serviceArea) query.set('serviceArea', this.serviceArea);
    try {
      const [feed, topics] = await Promise.all([
        this.get<PublicFeedbackPage>(`/api/public/feedback?${query}`),
        this.topic ? Promise.resolve(undefined) : this.topicsOrThrow(),
      ]);
      this.page = feed;
      if (topics) this.topics = topics.topics.filter((t) => !this.serviceArea || t.serviceArea.id === this.serviceArea);
    } catch {
      this.failed = true;
    }
  }

  /** The topics for the filter, from the request every Suora element on the page shares. */
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

  private go(page: number): void {
    this.pageNumber = page;
    void this.load();
  }

  override render(): TemplateResult {
    const { t } = this;
    const level = Math.min(6, Math.max(1, this.headingLevel));
    const heading = unsafeStatic(`h${level}`);
    return html`
      ${staticHtml`<${heading}>${t.heading}</${heading}>`}
      <p>${t.intro}</p>
      ${this.topic ? nothing : this.renderTopicFilter()}
      ${this.failed
        ? html`<div role="alert"><p class="error">${t.failed}</p><button @click=${() => this.load()}>${t.tryAgain}</button></div>`
        : this.page
          ? this.renderPage(this.page, level)
          : html`<p>${t.loading}</p>`}
    `;
  }

  private renderTopicFilter(): TemplateResult {
    const { t } = this;
    return html`<label for="topic">${t.topic}</label>
      <select id="topic" @change=${(e: Event) => {
        this.chosenTopic = (e.target as HTMLSelectElement).value;
        this.go(1);
      }}>
        <option value="">${t.allTopics}</option>
        ${this.topics.map((topic) => html`<option value=${topic.id} ?selected=${topic.id === this.chosenTopic}>${topic.name}</option>`)}
      </select>`;
  }

  private renderPage(page: PublicFeedbackPage, level: number): TemplateResult {
    const { t } = this;
    if (page.total === 0) return html`<p role="status">${t.empty}</p>`;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const where = t.pageOf.replace('{page}', formatNumber(this.locale, page.page)).replace('{pages}', formatNumber(this.locale, pages));
    const itemHeading = unsafeStatic(`h${Math.min(6, level + 1)}`);
    return html`<ul>
        ${page.items.map(
          (item) => html`<li>
            ${staticHtml`<${itemHeading}>${item.topic?.name ?? t.generalFeedback}</${itemHeading}>`}
            <p class="meta">${item.serviceArea.name} · ${formatDate(this.locale, item.createdAt, page.timeZone)} ·
              ${item.rating === null ? t.noRating : `${t.rating} ${item.rating}/5`}</p>
            ${item.comment ? html`<p class="comment">${item.comment}</p>` : nothing}
            ${item.reply
              ? html`<p class="reply"><strong>${t.cityReply}:</strong> ${item.reply.text}</p>`
              : html`<p class="meta">${t.awaitingReply}</p>`}
          </li>`,
        )}
      </ul>
      <nav class="pager" aria-label=${where}>
        <button ?disabled=${page.page <= 1} @click=${() => this.go(page.page - 1)}>${t.previous}</button>
        <span role="status">${where}</span>
        <button ?disabled=${page.page >= pages} @click=${() => this.go(page.page + 1)}>${t.next}</button>
      </nav>`;
  }
}

defineElement('suora-public-feed', SuoraPublicFeed);

declare global {
  interface HTMLElementTagNameMap {
    'suora-public-feed': SuoraPublicFeed;
  }
}
