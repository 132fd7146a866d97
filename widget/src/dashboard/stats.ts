import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { AreaStats, StatsResponse } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { dayRangeForm, dayRangeQuery, type DayRangeChoice } from './day-range.js';
import { renderDistribution, renderKeyFigures, renderTrendChart } from './chart.js';
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
        ? html`<p class="hint csat-explained">${t.charts.csatExplained}</p>
            <h3>${t.team.city}</h3>
            ${renderKeyFigures({ label: t.team.city, scores: data.total.scores }, undefined, t, locale)}
            ${renderTrendChart([{ label: t.team.city, periods: data.total.byPeriod, own: true }], t.charts.trendHeading, t, locale)}
            <div class="distributions">${renderDistribution(t.charts.distributionOf(t.team.city), data.total.scores, t, locale)}</div>
            <details class="figures"><summary>${t.charts.asTable}</summary>${periodTable(data.total.byPeriod, t.trendTable, t, locale)}</details>
            <section>${this.table(t.byServiceArea, data.byServiceArea, t.serviceArea)}</section>
            <section>${this.table(
              t.byTopic,
              // The business topic first: the city board's decision made it the one to watch.
              [...data.byTopic].sort((a, b) => Number(b.forBusinesses) - Number(a.forBusinesses)).map((r) => ({
                ...r,
                label: r.forBusinesses ? `${r.label} (${t.businessTopic})` : r.label,
              })),
              t.topic,
            )}</section>`
        : '')}`;
  }

  private show(range: DayRangeChoice): void {
    this.range = range;
    this.rangeError = '';
    void this.reload();
  }

  private table(caption: string, rows: (AreaStats & { label: string })[], rowHeader: string): TemplateResult {
    const { t, locale } = this;
    const n = (value: number | null) => figure(value, locale);
    return html`<div class="table-wrap"><table class="stacking wide">
      <caption>${caption}</caption>
      <thead><tr>
        <th scope="col">${rowHeader}</th>
        <th scope="col" class="number">${t.count_}</th><th scope="col" class="number">${t.mean}</th>
        <th scope="col" class="number">${t.csat}</th><th scope="col">${t.distribution}</th>
        <th scope="col" class="number">${t.statuses.new}</th><th scope="col" class="number">${t.statuses['in-progress']}</th>
        <th scope="col" class="number">${t.statuses.answered}</th><th scope="col" class="number">${t.statuses.closed}</th>
        <th scope="col" class="number">${t.medianAnswer}</th>
      </tr></thead>
      <tbody>${rows.map(
        (r) => html`<tr>
          <th scope="row">${r.label}</th>
          <td class="number" data-label=${t.count_}>${n(r.scores.count)}</td><td class="number" data-label=${t.mean}>${n(r.scores.mean)}</td>
          <td class="number" data-label=${t.csat}>${n(r.scores.csat)}</td><td class="distribution" data-label=${t.distribution}>${distribution(r.scores, locale)}</td>
          <td class="number" data-label=${t.statuses.new}>${n(r.byStatus.new)}</td><td class="number" data-label=${t.statuses['in-progress']}>${n(r.byStatus['in-progress'])}</td>
          <td class="number" data-label=${t.statuses.answered}>${n(r.byStatus.answered)}</td><td class="number" data-label=${t.statuses.closed}>${n(r.byStatus.closed)}</td>
          <td class="number" data-label=${t.medianAnswer}>${n(r.medianHoursToAnswer)}</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }
}

defineElement('suora-stats', SuoraStats);
