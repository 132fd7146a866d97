import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { GroupScores, Locale, MyScoresResponse, Scores, ScoresByPeriod } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { formatNumber, formatPeriod } from '../shared/format.js';
import { api } from './api.js';
import { renderDistribution, renderKeyFigures, renderTrendChart } from './chart.js';
import { dayRangeForm, dayRangeQuery, type DayRangeChoice } from './day-range.js';
import type { DashboardTranslation } from './locales/index.js';
import { DashboardView } from './view.js';

/**
 * The signed-in official's scores beside their service area's, over the days chosen (the last
 * 12 months by default): the headline figures, CSAT and count per period as a chart, the
 * ratings' distribution as bars (the figures also in tables, behind a disclosure), then per
 * signature link, per reference and per channel.
 */
export class SuoraScores extends DashboardView {
  @state() private accessor data: MyScoresResponse | undefined;
  @state() private accessor period: 'week' | 'month' = 'month';
  @state() private accessor range: DayRangeChoice = { from: '', to: '' };
  @state() private accessor rangeError = '';

  protected async load(): Promise<void> {
    this.data = await api<MyScoresResponse>('GET', `/api/me/scores?period=${this.period}&locale=${this.locale}${dayRangeQuery(this.range)}`);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${t.tabs.scores}</h2>
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
      ${dayRangeForm(t, this.data?.days, this.rangeError, (range) => {
        this.range = range;
        this.rangeError = '';
        void this.reload();
      }, (message) => (this.rangeError = message))}
      ${this.renderLoadState() ?? (this.data ? this.renderScores(this.data) : '')}`;
  }

  private renderScores(data: MyScoresResponse): TemplateResult {
    const { t, locale } = this;
    if (data.total.count === 0) return html`<p>${t.noScores}</p>`;
    const area = { label: t.team.area(data.area.name), scores: data.area.scores };
    return html`
      <p class="hint csat-explained">${t.charts.csatExplained}</p>
      <section aria-labelledby="total-h">
        <h3 id="total-h">${t.total}</h3>
        ${renderKeyFigures({ label: t.charts.you, scores: data.total }, area, t, locale)}
        ${renderTrendChart(
          [
            { label: t.charts.you, periods: data.byPeriod, own: true },
            { label: area.label, periods: data.area.byPeriod, own: false },
          ],
          t.charts.trendHeading,
          t,
          locale,
        )}
        <div class="distributions">
          ${renderDistribution(t.charts.distributionOf(t.charts.you), data.total, t, locale)}
          ${renderDistribution(t.charts.distributionOf(area.label), area.scores, t, locale, false)}
        </div>
        <details class="figures">
          <summary>${t.charts.asTable}</summary>
          ${scoresTable(t.total, [{ label: t.charts.you, scores: data.total }, area], t, locale)}
          ${periodTable(data.byPeriod, t.trendTable, t, locale)}
          ${periodTable(data.area.byPeriod, t.charts.areaByPeriod(data.area.name), t, locale)}
        </details>
      </section>
      ${this.renderGroups(t.byLink, data.byLink, t.charts.link)} ${this.renderGroups(t.byRef, data.byRef, t.reference)}
      ${this.renderGroups(t.byChannel, data.byChannel.map((g) => ({ ...g, label: t.channels[g.key as 'widget'] ?? g.label })), t.channel)}
    `;
  }

  private renderGroups(heading: string, groups: GroupScores[], rowHeader: string): TemplateResult | string {
    if (groups.length === 0) return '';
    return html`<section>${scoresTable(heading, groups, this.t, this.locale, rowHeader)}</section>`;
  }
}

type Texts = DashboardTranslation;

/** A figure in the reader's language, or a dash without one. */
export function figure(n: number | null, locale: Locale): string {
  return n === null ? '–' : formatNumber(locale, n);
}

/** How many ratings of 1, 2, 3, 4 and 5. */
export function distribution(scores: Scores, locale: Locale): string {
  return scores.distribution.map((n) => formatNumber(locale, n)).join(' · ');
}

/** A table of score figures, one row per group. */
export function scoresTable(caption: string, rows: { label: string; scores: Scores }[], t: Texts, locale: Locale, rowHeader = t.charts.group): TemplateResult {
  return html`<div class="table-wrap"><table class="stacking">
    <caption>${caption}</caption>
    <thead><tr>
      <th scope="col">${rowHeader}</th><th scope="col" class="number">${t.count_}</th><th scope="col" class="number">${t.mean}</th>
      <th scope="col" class="number">${t.csat}</th><th scope="col">${t.distribution}</th>
    </tr></thead>
    <tbody>${rows.map(
      (row) => html`<tr>
        <th scope="row">${row.label}</th>
        <td class="number" data-label=${t.count_}>${figure(row.scores.count, locale)}</td>
        <td class="number" data-label=${t.mean}>${figure(row.scores.mean, locale)}</td>
        <td class="number" data-label=${t.csat}>${figure(row.scores.csat, locale)}</td>
        <td class="distribution" data-label=${t.distribution}>${distribution(row.scores, locale)}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

export function periodTable(periods: ScoresByPeriod[], caption: string, t: Texts, locale: Locale): TemplateResult {
  return scoresTable(caption, periods.map((p) => ({ label: formatPeriod(locale, p.period, t.weekOf), scores: p.scores })), t, locale, t.period);
}

defineElement('suora-scores', SuoraScores);
