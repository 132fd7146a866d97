import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { CouncilFeedbackItem, Paged, TopicSummary, TopicsResponse } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { renderPager } from './pager.js';
import { DashboardView } from './view.js';

/**
 * For decision-makers: every item whose giver chose public, with the city's reply, no
 * contact data. Topics are filters on top, the business topic first.
 */
export class SuoraCouncil extends DashboardView {
  @state() private accessor list: Paged<CouncilFeedbackItem> = { items: [], total: 0, page: 1, pageSize: 50 };
  @state() private accessor topics: TopicSummary[] = [];
  @state() private accessor topic = '';
  @state() private accessor page = 1;

  protected async load(): Promise<void> {
    const query = new URLSearchParams({ locale: this.locale, page: String(this.page), ...(this.topic && { topic: this.topic }) });
    const [list, topics] = await Promise.all([
      api<Paged<CouncilFeedbackItem>>('GET', `/api/council/feedback?${query}`),
      api<TopicsResponse>('GET', `/api/topics?locale=${this.locale}`),
    ]);
    this.list = list;
    // The business topic first: the city board's decision made it the one to watch.
    this.topics = [...topics.topics].sort((a, b) => Number(b.forBusinesses) - Number(a.forBusinesses));
  }

  private choose(topic: string): void {
    this.topic = topic;
    this.page = 1;
    void this.reload();
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${t.tabs.council}</h2>
      <div class="row" role="group" aria-label=${t.topic}>
        <button type="button" class=${this.topic ? 'secondary' : ''} aria-pressed=${this.topic === ''} @click=${() => this.choose('')}>${t.any}</button>
        ${this.topics.map(
          (topic) => html`<button type="button" class=${this.topic === topic.id ? '' : 'secondary'} aria-pressed=${this.topic === topic.id}
            @click=${() => this.choose(topic.id)}>${topic.name}</button>`,
        )}
      </div>
      ${this.renderLoadState() ??
      html`<p class="muted" role="status">${this.count(this.list.total)}</p>
        <ul class="plain">
          ${this.list.items.map(
            (item) => html`<li class="card">
              <p class="row">
                <strong>${this.about(item)}</strong>
                <span>${item.serviceArea.name}</span>
                <span>${item.rating === null ? t.noRating : `${t.rating} ${item.rating}/5`}</span>
                <span class="badge">${t.statuses[item.status]}</span>
                <span class="badge">${item.published ? t.published : t.awaitingApproval}</span>
                <span class="muted">${this.date(item.createdAt)}</span>
              </p>
              <p class="comment">${item.comment ?? html`<span class="muted">${t.noComment}</span>`}</p>
              ${item.reply
                ? html`<p class="comment"><strong>${t.cityReply}:</strong> ${item.reply.text}</p>`
                : nothing}
            </li>`,
          )}
        </ul>
        ${renderPager(this.list, t, this.locale, (page) => {
          this.page = page;
          void this.reload();
        })}`}`;
  }
}

defineElement('suora-council', SuoraCouncil);
