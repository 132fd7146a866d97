import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { GroupScores, TeamScoresResponse } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { dayRangeForm, dayRangeQuery, type DayRangeChoice } from './day-range.js';
import { renderDistribution, renderKeyFigures, renderTrendChart } from './chart.js';
import { periodTable, scoresTable } from './scores.js';
import { DashboardView } from './view.js';

/**
 * A manager's team scores: their area beside the whole city, then per official of the area,
 * per survey link and per reference, by week or month: the area's CSAT and counts as a chart
 * beside the city's, the ratings as bars; every figure is also in a table.
 */
export class SuoraTeam extends DashboardView {
  @state() private accessor data: TeamScoresResponse | undefined;
  @state() private accessor period: 'week' | 'month' = 'month';
  @state() private accessor range: DayRangeChoice = { from: '', to: '' };
  @state() private accessor rangeError = '';

  protected async load(): Promise<void> {
    this.data = await api<TeamScoresResponse>('GET', `/api/team/scores?period=${this.period}&locale=${this.locale}${dayRangeQuery(this.range)}`);
  }

  override render(): TemplateResult {
    const { t, data } = this;
    return html`<h2 tabindex="-1">${data ? t.team.heading(data.area.name) : t.tabs.team}</h2>
      <div class="field">
        <label for="period">${t.period}</label>
        <select id="period" @change=${(e: Event) => {
          this.period = (e.target as HTMLSelectElement).value as 'week' | 'month';
          void this.reload();
        }}>
          <option value="month" ?selected=${this.period === 'month'}>${t.month}</option>
          <option value="week" ?selected=${this.period === 'week'}>${t.week}</option>
        </select>
      </div>
      ${dayRangeForm(t, data?.days, this.rangeError, (range) => {
        this.range = range;
        this.rangeError = '';
        void this.reload();
      }, (message) => (this.rangeError = message))}
      ${this.renderLoadState() ?? (data ? this.renderTeam(data) : '')}`;
  }

  private renderTeam(data: TeamScoresResponse): TemplateResult {
    const { t, locale } = this;
    const area = { label: t.team.area(data.area.name), scores: data.areaTotal.scores };
    const city = { label: t.team.city, scores: data.cityTotal.scores };
    return html`
      <p class="hint csat-explained">${t.charts.csatExplained}</p>
      <section aria-labelledby="comparison-h">
        <h3 id="comparison-h">${t.team.comparison}</h3>
        ${renderKeyFigures(area, city, t, locale)}
        ${data.areaTotal.byPeriod.length
          ? renderTrendChart(
              [
                { label: area.label, periods: data.areaTotal.byPeriod, own: true },
                { label: city.label, periods: data.cityTotal.byPeriod, own: false },
              ],
              t.team.trend,
              t,
              locale,
            )
          : html`<p>${t.noScores}</p>`}
        <div class="distributions">
          ${renderDistribution(t.charts.distributionOf(area.label), area.scores, t, locale)}
          ${renderDistribution(t.charts.distributionOf(city.label), city.scores, t, locale, false)}
        </div>
        <details class="figures">
          <summary>${t.charts.asTable}</summary>
          ${scoresTable(t.team.comparison, [area, city], t, locale)}
          ${periodTable(data.areaTotal.byPeriod, t.team.trendTable, t, locale)}
        </details>
      </section>
      ${this.renderGroups(t.team.byOfficial, data.byOfficial, t.official)} ${this.renderGroups(t.team.byLink, data.byLink, t.charts.link)}
      ${this.renderGroups(t.team.byRef, data.byRef, t.reference)}
    `;
  }

  private renderGroups(caption: string, groups: GroupScores[], rowHeader: string): TemplateResult | string {
    if (groups.length === 0) return '';
    return html`<section>${scoresTable(caption, groups, this.t, this.locale, rowHeader)}</section>`;
  }
}

defineElement('suora-team', SuoraTeam);
