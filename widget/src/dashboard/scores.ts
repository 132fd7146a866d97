import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { AREA_MIN_PEOPLE, AREA_MIN_RATINGS, type Locale, type MyScoresResponse, type OwnGroupScores, type Scores, type ScoresByPeriod } from '../../../contract/api.js';
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
 * signature link, per reference and per channel, each row with the area's CSAT beside it
 * (none where too few others' ratings stand behind it).
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
    const areaShown = data.area.byPeriod.flatMap((p) => (p.scores ? [{ period: p.period, scores: p.scores }] : []));
    return html`
      <p class="hint csat-explained">${t.charts.csatExplained}</p>
      <p class="hint csat-explained">${t.charts.areaRule(formatNumber(locale, AREA_MIN_RATINGS), formatNumber(locale, AREA_MIN_PEOPLE))}</p>
      <section aria-labelledby="total-h">
        <h3 id="total-h">${t.total}</h3>
        ${renderKeyFigures({ label: t.charts.you, scores: data.total }, area, t, locale)}
        ${renderTrendChart(
          [
            { label: t.charts.you, periods: data.byPeriod, own: true },
            ...(areaShown.length ? [{ label: area.label, periods: areaShown, own: false }] : []),
          ],
          t.charts.trendHeading,
          t,
          locale,
        )}
        <div class="distributions">
          ${renderDistribution(t.charts.distributionOf(t.charts.you), data.total, t, locale)}
          ${area.scores
            ? renderDistribution(t.charts.distributionOf(area.label), area.scores, t, locale, false)
            : html`<div class="distribution-card"><h4>${t.charts.distributionOf(area.label)}</h4><p>${t.charts.tooFew}</p></div>`}
        </div>
        <details class="figures">
          <summary>${t.charts.asTable}</summary>
          ${scoresTable(t.total, [{ label: t.charts.you, scores: data.total }, area], t, locale)}
          ${scoresTable(t.trendTable, periodsBeside(data, t, locale), t, locale, t.period, t.charts.areaCsat(data.area.name))}
        </details>
      </section>
      ${this.renderGroups(t.byLink, data.byLink, t.charts.link, t.charts.areaCsatSameTime(data.area.name, data.period))}
      ${this.renderGroups(t.byRef, data.byRef, t.reference, t.charts.areaCsatSameTime(data.area.name, data.period))}
      ${this.renderGroups(
        t.byChannel,
        data.byChannel.map((g) => ({ ...g, label: t.channels[g.key as 'widget'] ?? g.label })),
        t.channel,
        t.charts.areaCsatSameChannel(data.area.name),
      )}
    `;
  }

  private renderGroups(heading: string, groups: OwnGroupScores[], rowHeader: string, areaHeader: string): TemplateResult | string {
    if (groups.length === 0) return '';
    return html`<section>${scoresTable(heading, groups, this.t, this.locale, rowHeader, areaHeader)}</section>`;
  }
}

/** Every period of the trend, the official's own figures with the area's CSAT beside them. */
function periodsBeside(data: MyScoresResponse, t: Texts, locale: Locale): Row[] {
  const own = new Map(data.byPeriod.map((p) => [p.period, p.scores]));
  const area = new Map(data.area.byPeriod.map((p) => [p.period, p.scores]));
  return [...new Set([...own.keys(), ...area.keys()])]
    .sort()
    .map((period) => ({ label: formatPeriod(locale, period, t.weekOf), scores: own.get(period) ?? NONE, area: area.get(period) ?? null }));
}

const NONE: Scores = { count: 0, rated: 0, mean: null, csat: null, distribution: [0, 0, 0, 0, 0] };

type Texts = DashboardTranslation;

/** A figure in the reader's language, or a dash without one. */
export function figure(n: number | null, locale: Locale): string {
  return n === null ? '–' : formatNumber(locale, n);
}

/** How many ratings of 1, 2, 3, 4 and 5. */
export function distribution(scores: Scores, locale: Locale): string {
  return scores.distribution.map((n) => formatNumber(locale, n)).join(' · ');
}

/** One row of figures: null where they may not be shown; `area`, the area's beside them. */
interface Row {
  label: string;
  scores: Scores | null;
  area?: Scores | null;
}

/** A table of score figures, one row per group; with `areaHeader`, a column of the area's CSAT beside each. */
export function scoresTable(caption: string, rows: Row[], t: Texts, locale: Locale, rowHeader = t.charts.group, areaHeader?: string): TemplateResult {
  // With the area's column, its long header: stacks sooner, or the table scrolls at 640 px.
  return html`<div class="table-wrap"><table class=${areaHeader ? 'stacking wide' : 'stacking'}>
    <caption>${caption}</caption>
    <thead><tr>
      <th scope="col">${rowHeader}</th><th scope="col" class="number">${t.count_}</th><th scope="col" class="number">${t.mean}</th>
      <th scope="col" class="number">${t.csat}</th><th scope="col">${t.distribution}</th>
      ${areaHeader ? html`<th scope="col" class="number">${areaHeader}</th>` : nothing}
    </tr></thead>
    <tbody>${rows.map(
      (row) => html`<tr>
        <th scope="row">${row.label}</th>
        ${row.scores
          ? html`<td class="number" data-label=${t.count_}>${figure(row.scores.count, locale)}</td>
              <td class="number" data-label=${t.mean}>${figure(row.scores.mean, locale)}</td>
              <td class="number" data-label=${t.csat}>${figure(row.scores.csat, locale)}</td>
              <td class="distribution" data-label=${t.distribution}>${distribution(row.scores, locale)}</td>`
          : html`<td colspan="4">${t.charts.tooFew}</td>`}
        ${areaHeader
          ? html`<td class="number area" data-label=${areaHeader}>${row.area ? figure(row.area.csat, locale) : t.charts.tooFew}</td>`
          : nothing}
      </tr>`,
    )}</tbody>
  </table></div>`;
}

export function periodTable(periods: ScoresByPeriod[], caption: string, t: Texts, locale: Locale): TemplateResult {
  return scoresTable(caption, periods.map((p) => ({ label: formatPeriod(locale, p.period, t.weekOf), scores: p.scores })), t, locale, t.period);
}

defineElement('suora-scores', SuoraScores);
