import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { AreaStats, StatsResponse } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { dayRangeForm, dayRangeQuery, type DayRangeChoice } from './day-range.js';
import { renderTrendChart } from './chart.js';
import { distribution, figure, periodTable } from './scores.js';
import { DashboardView } from './view.js';

/** Statistics per service area and topic, for decision-makers and admins. */
export class SuoraStats extends DashboardView {
  @state() private accessor data: StatsResponse | undefined;
  @state() private accessor range: DayRangeChoice = { from: '', to: '' };
  @state() private accessor rangeError = '';

  protected async load(): Promise<void> {
    this.data = await api<StatsResponse>('GET', `/api/stats?period=month&locale=${this.locale}${dayRangeQuery(this.range)}`);
  }

  override render(): TemplateResult {
    const { t, locale } = this;
    const data = this.data;
    return html`<h2 tabindex="-1">${t.tabs.stats}</h2>
      ${dayRangeForm(t, data?.days, this.rangeError, (range) => this.show(range), (message) => (this.rangeError = message))}
      ${this.renderLoadState() ??
      (data
        ? html`${renderTrendChart(data.total.byPeriod, t.trend, t, locale)} ${periodTable(data.total.byPeriod, t.trendTable, t, locale)}
            <section>${this.table(t.byServiceArea, data.byServiceArea)}</section>
            <section>${this.table(
              t.byTopic,
              // The business topic first: the city board's decision made it the one to watch.
              [...data.byTopic].sort((a, b) => Number(b.forBusinesses) - Number(a.forBusinesses)).map((r) => ({
                ...r,
                label: r.forBusinesses ? `${r.label} (${t.businessTopic})` : r.label,
              })),
            )}</section>`
        : '')}`;
  }

  private show(range: DayRangeChoice): void {
    this.range = range;
    this.rangeError = '';
    void this.reload();
  }

  private table(caption: string, rows: (AreaStats & { label: string })[]): TemplateResult {
    const { t, locale } = this;
    const n = (value: number | null) => figure(value, locale);
    return html`<div class="table-wrap"><table>
      <caption>${caption}</caption>
      <thead><tr>
        <th scope="col"></th>
        <th scope="col" class="number">${t.count_}</th><th scope="col" class="number">${t.mean}</th>
        <th scope="col" class="number">${t.csat}</th><th scope="col">${t.distribution}</th>
        <th scope="col" class="number">${t.statuses.new}</th><th scope="col" class="number">${t.statuses['in-progress']}</th>
        <th scope="col" class="number">${t.statuses.answered}</th><th scope="col" class="number">${t.statuses.closed}</th>
        <th scope="col" class="number">${t.medianAnswer}</th>
      </tr></thead>
      <tbody>${rows.map(
        (r) => html`<tr>
          <th scope="row">${r.label}</th>
          <td class="number">${n(r.scores.count)}</td><td class="number">${n(r.scores.mean)}</td>
          <td class="number">${n(r.scores.csat)}</td><td class="distribution">${distribution(r.scores, locale)}</td>
          <td class="number">${n(r.byStatus.new)}</td><td class="number">${n(r.byStatus['in-progress'])}</td>
          <td class="number">${n(r.byStatus.answered)}</td><td class="number">${n(r.byStatus.closed)}</td>
          <td class="number">${n(r.medianHoursToAnswer)}</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }
}

defineElement('suora-stats', SuoraStats);
