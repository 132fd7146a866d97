import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FEEDBACK_SORTS, type BulkStatusResult, type Paged, type StaffFeedbackItem, type TopicSummary, type TopicsResponse } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { renderPager } from './pager.js';
import { DashboardView } from './view.js';

const STATUSES = ['new', 'in-progress', 'answered', 'closed'] as const;
const CHANNELS = ['widget', 'email', 'sms'] as const;

/**
 * The feedback routed to the signed-in official (all of it, for an admin), newest, oldest or
 * soonest due first, with filters (overdue ones only, among them) and a search, and a status
 * set for the ticked items at once. In `queue` mode: public items not yet published, for approval.
 */
export class SuoraInbox extends DashboardView {
  @state() private accessor list: Paged<StaffFeedbackItem> = { items: [], total: 0, page: 1, pageSize: 50 };
  @state() private accessor page = 1;
  @state() private accessor topics: TopicSummary[] = [];
  @state() private accessor filters: Record<string, string> = {};
  /** Items ticked for a bulk status change, by id; kept across pages. */
  @state() private accessor selected: ReadonlySet<string> = new Set();

  /** Show only the publication queue: given as public, not yet published. */
  @property({ type: Boolean }) accessor queue = false;

  protected async load(): Promise<void> {
    const query = new URLSearchParams({ locale: this.locale, page: String(this.page), ...this.filters });
    if (this.queue) {
      query.set('public', 'true');
      query.set('published', 'false');
    }
    const [inbox, topics] = await Promise.all([
      api<Paged<StaffFeedbackItem>>('GET', `/api/me/feedback?${query}`),
      api<TopicsResponse>('GET', `/api/topics?locale=${this.locale}`),
    ]);
    this.list = inbox;
    this.topics = topics.topics;
  }

  private applyFilters(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.filters = Object.fromEntries([...data].filter(([, v]) => v !== '').map(([k, v]) => [k, String(v)]));
    this.page = 1;
    void this.reload();
  }

  private toggle(id: string, on: boolean): void {
    const selected = new Set(this.selected);
    if (on) selected.add(id);
    else selected.delete(id);
    this.selected = selected;
  }

  /** Sets the chosen status on the ticked items; says how many changed and why any did not. */
  private async setStatus(event: Event): Promise<void> {
    event.preventDefault();
    const { t } = this;
    if (this.selected.size === 0) {
      this.say('bulk', `${t.errorPrefix} ${t.noneSelected}`, true);
      return;
    }
    const status = new FormData(event.target as HTMLFormElement).get('status');
    let result: BulkStatusResult | undefined;
    const done = await this.change('bulk', async () => {
      result = await api<BulkStatusResult>('POST', '/api/feedback/bulk-status', { ids: [...this.selected], status });
    }, '');
    if (!done || !result) return;
    const refused = result.results.filter((r) => !r.ok);
    this.selected = new Set(refused.map((r) => r.id));
    await this.reload();
    this.say('bulk', [t.bulkResult(result.changed, refused.length), ...refused.map((r) => (r.ok ? '' : `${r.id}: ${this.refusal(r.code, r.message)}`))].join(' '), refused.length > 0);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`
      <h2 tabindex="-1">${this.queue ? t.tabs.queue : t.tabs.inbox}</h2>
      ${this.queue ? nothing : this.renderFilters()}
      ${this.queue ? nothing : this.renderBulk()}
      ${this.renderLoadState() ?? this.renderList()}
    `;
  }

  private renderBulk(): TemplateResult {
    const { t } = this;
    return html`<form class="row" aria-label=${t.bulkStatus} @submit=${this.setStatus}>
        <div class="field"><label for="bulk-status">${t.bulkStatus} (${this.selected.size})</label>
          <select id="bulk-status" name="status">${STATUSES.map((s) => html`<option value=${s}>${t.statuses[s]}</option>`)}</select></div>
        ${this.renderActions('bulk', html`<button type="submit">${t.setStatus}</button>`)}
      </form>`;
  }

  private renderFilters(): TemplateResult {
    const { t } = this;
    const select = (name: string, label: string, options: [string, string][]) => html`<div class="field">
      <label for="filter-${name}">${label}</label>
      <select id="filter-${name}" name=${name}>
        <option value="">${t.any}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[name] === value}>${text}</option>`)}
      </select>
    </div>`;
    return html`<form class="row filters" aria-label=${t.filters} @submit=${this.applyFilters}>
      <div class="field"><label for="filter-q">${t.search}</label>
        <input id="filter-q" name="q" type="search" maxlength="200" aria-describedby="filter-q-hint" .value=${this.filters.q ?? ''} />
        <span class="hint" id="filter-q-hint">${t.searchHint}</span></div>
      ${select('status', t.status, STATUSES.map((s) => [s, t.statuses[s]]))}
      ${select('channel', t.channel, CHANNELS.map((c) => [c, t.channels[c]]))}
      ${select('topic', t.topic, this.topics.map((topic) => [topic.id, topic.name]))}
      ${select('public', t.visibility, [['true', t.publicChoice], ['false', t.privateChoice]])}
      <div class="field"><label for="filter-from">${t.from}</label>
        <input id="filter-from" name="from" type="date" .value=${this.filters.from ?? ''} /></div>
      <div class="field"><label for="filter-to">${t.to}</label>
        <input id="filter-to" name="to" type="date" .value=${this.filters.to ?? ''} /></div>
      <div class="field"><label><input name="overdue" type="checkbox" value="true" ?checked=${this.filters.overdue === 'true'} /> ${t.overdueOnly}</label></div>
      <div class="field"><label for="filter-sort">${t.order}</label>
        <select id="filter-sort" name="sort">
          ${FEEDBACK_SORTS.map((s) => html`<option value=${s} ?selected=${(this.filters.sort ?? FEEDBACK_SORTS[0]) === s}>${t.sorts[s]}</option>`)}
        </select></div>
      <button type="submit">${t.filters}</button>
    </form>`;
  }

  private renderList(): TemplateResult {
    const { t } = this;
    const { items } = this.list;
    if (items.length === 0) return html`<p>${this.queue ? t.queueEmpty : t.noFeedback}</p>`;
    return html`<p class="muted" role="status">${this.count(this.list.total)}</p>
      <ul class="plain">
        ${items.map(
          (item) => html`<li class="card">
            <p class="row">
              ${this.queue
                ? nothing
                : html`<input type="checkbox" id="select-${item.id}" .checked=${this.selected.has(item.id)}
                      @change=${(e: Event) => this.toggle(item.id, (e.target as HTMLInputElement).checked)} />
                    <label for="select-${item.id}" class="visually-hidden">${t.selectItem
                      .replace('{name}', this.about(item))
                      .replace('{date}', this.date(item.createdAt))}</label>`}
              <a class="own-line" href="#feedback/${item.id}" aria-label=${t.detail.inboxLink(this.about(item), item.id, this.date(item.createdAt))}><strong>${this.about(item)}</strong></a>
              <span class="badge">${t.statuses[item.status]}</span>
              <span>${item.rating === null ? t.noRating : `${t.rating} ${item.rating}/5`}</span>
              <span class="muted">${t.channels[item.channel]} · ${this.date(item.createdAt)}</span>
              ${this.due(item)}
              ${item.public ? html`<span class="badge">${item.published ? t.published : t.publicChoice}</span>` : nothing}
              ${this.me.role === 'admin' || this.me.role === 'manager' ? html`<span class="muted">${t.routedTo}: ${item.official.name}</span>` : nothing}
            </p>
            <p class="comment">${excerpt(item.originalComment) ?? html`<span class="muted">${t.noComment}</span>`}</p>
          </li>`,
        )}
      </ul>
      ${renderPager(this.list, t, this.locale, (page) => {
        this.page = page;
        void this.reload();
      })}`;
  }
}

function excerpt(text: string | null): string | null {
  if (!text) return null;
  return text.length > 280 ? `${text.slice(0, 280)}…` : text;
}

defineElement('suora-inbox', SuoraInbox);
