import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { GroupScores, TeamScoresResponse } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { dayRangeForm, dayRangeQuery, type DayRangeChoice } from './day-range.js';
import { renderTrendChart } from './chart.js';
import { periodTable, scoresTable } from './scores.js';
import { DashboardView } from './view.js';

/**
 * A manager's team scores: their area beside the whole city, then per official of the area,
 * per survey link and per reference, by week or month. Every figure is in a table.
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
    const comparison = [
      { label: t.team.area(data.area.name), scores: data.areaTotal.scores },
      { label: t.team.city, scores: data.cityTotal.scores },
    ];
    return html`
      <section>${scoresTable(t.team.comparison, comparison, t, locale)}</section>
      ${data.areaTotal.byPeriod.length
        ? html`<section>
            ${renderTrendChart(data.areaTotal.byPeriod, t.team.trend, t, locale)} ${periodTable(data.areaTotal.byPeriod, t.team.trendTable, t, locale)}
          </section>`
        : html`<p>${t.noScores}</p>`}
      ${this.renderGroups(t.team.byOfficial, data.byOfficial)} ${this.renderGroups(t.team.byLink, data.byLink)}
      ${this.renderGroups(t.team.byRef, data.byRef)}
    `;
  }

  private renderGroups(caption: string, groups: GroupScores[]): TemplateResult | string {
    if (groups.length === 0) return '';
    return html`<section>${scoresTable(caption, groups, this.t, this.locale)}</section>`;
  }
}

defineElement('suora-team', SuoraTeam);
