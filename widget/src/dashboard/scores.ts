import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { GroupScores, Locale, MyScoresResponse, Scores, ScoresByPeriod } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { formatNumber, formatPeriod } from '../shared/format.js';
import { api } from './api.js';
import { renderTrendChart } from './chart.js';
import type { DashboardTranslation } from './locales/index.js';
import { DashboardView } from './view.js';

/** The signed-in official's scores: per signature link, per reference, per channel, by period. */
export class SuoraScores extends DashboardView {
  @state() private accessor data: MyScoresResponse | undefined;
  @state() private accessor period: 'week' | 'month' = 'month';

  protected async load(): Promise<void> {
    this.data = await api<MyScoresResponse>('GET', `/api/me/scores?period=${this.period}&locale=${this.locale}`);
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
      ${this.renderLoadState() ?? (this.data ? this.renderScores(this.data) : '')}`;
  }

  private renderScores(data: MyScoresResponse): TemplateResult {
    const { t, locale } = this;
    if (data.total.count === 0) return html`<p>${t.noScores}</p>`;
    return html`
      <section aria-labelledby="total-h">
        <h3 id="total-h">${t.total}</h3>
        ${scoresTable('', [{ label: t.total, scores: data.total }], t, locale)}
        ${renderTrendChart(data.byPeriod, t.trend, t, locale)}
        ${periodTable(data.byPeriod, t.trendTable, t, locale)}
      </section>
      ${this.renderGroups(t.byLink, data.byLink)} ${this.renderGroups(t.byRef, data.byRef)}
      ${this.renderGroups(t.byChannel, data.byChannel.map((g) => ({ ...g, label: t.channels[g.key as 'widget'] ?? g.label })))}
    `;
  }

  private renderGroups(heading: string, groups: GroupScores[]): TemplateResult | string {
    if (groups.length === 0) return '';
    return html`<section>${scoresTable(heading, groups, this.t, this.locale)}</section>`;
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
export function scoresTable(caption: string, rows: { label: string; scores: Scores }[], t: Texts, locale: Locale): TemplateResult {
  return html`<div class="table-wrap"><table>
    ${caption ? html`<caption>${caption}</caption>` : ''}
    <thead><tr>
      <th scope="col"></th><th scope="col" class="number">${t.count_}</th><th scope="col" class="number">${t.mean}</th>
      <th scope="col" class="number">${t.csat}</th><th scope="col">${t.distribution}</th>
    </tr></thead>
    <tbody>${rows.map(
      (row) => html`<tr>
        <th scope="row">${row.label}</th>
        <td class="number">${figure(row.scores.count, locale)}</td>
        <td class="number">${figure(row.scores.mean, locale)}</td>
        <td class="number">${figure(row.scores.csat, locale)}</td>
        <td class="distribution">${distribution(row.scores, locale)}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

export function periodTable(periods: ScoresByPeriod[], caption: string, t: Texts, locale: Locale): TemplateResult {
  return scoresTable(caption, periods.map((p) => ({ label: formatPeriod(locale, p.period, t.weekOf), scores: p.scores })), t, locale);
}

defineElement('suora-scores', SuoraScores);
