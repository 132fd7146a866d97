import { html, svg, type TemplateResult } from 'lit';
import type { Locale, ScoresByPeriod } from '../../../contract/api.js';
import { formatNumber, formatPeriod } from '../shared/format.js';
import type { DashboardTranslation } from './locales/index.js';

/**
 * The mean rating per period as bars on a 0–5 scale, drawn by Lit as SVG. The SVG is one
 * labelled image; the same numbers stand beside it in a table for screen readers and for
 * anyone who wants the figures.
 */
export function renderTrendChart(periods: ScoresByPeriod[], label: string, t: DashboardTranslation, locale: Locale): TemplateResult {
  const width = 640;
  const height = 200;
  const top = 10;
  const bottom = 30;
  const left = 28;
  const plotHeight = height - top - bottom;
  const step = periods.length ? (width - left) / periods.length : 0;
  const barWidth = Math.min(48, step * 0.7);
  const y = (value: number) => top + plotHeight * (1 - value / 5);
  const mean = (p: ScoresByPeriod) => (p.scores.mean === null ? '–' : formatNumber(locale, p.scores.mean));
  const summary = `${label}: ${periods.map((p) => `${formatPeriod(locale, p.period, t.weekOf)} ${mean(p)}`).join('; ')}`;
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label=${summary} preserveAspectRatio="xMinYMin meet">
    ${[1, 2, 3, 4, 5].map(
      (v) => svg`<line x1=${left} x2=${width} y1=${y(v)} y2=${y(v)} stroke="#d8dcdf" />
        <text x=${left - 8} y=${y(v) + 4} text-anchor="end" font-size="12" fill="#4f5458">${v}</text>`,
    )}
    ${periods.map((p, i) => {
      const mean = p.scores.mean ?? 0;
      const x = left + i * step + (step - barWidth) / 2;
      return svg`<rect x=${x} y=${y(mean)} width=${barWidth} height=${plotHeight - (y(mean) - top)} fill="#0a5cad" rx="2" />
        <text x=${x + barWidth / 2} y=${height - 10} text-anchor="middle" font-size="11" fill="#1b1b1b">${formatPeriod(locale, p.period, t.weekOf, true)}</text>`;
    })}
  </svg>`;
}
