import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Locale, Scores, ScoresByPeriod } from '../../../contract/api.js';
import { formatNumber, formatPeriod } from '../shared/format.js';
import type { DashboardTranslation } from './locales/index.js';

/** One line of the trend: whose figures (`own`: drawn solid, with counts; else dashed, for comparison). */
export interface Series {
  label: string;
  periods: ScoresByPeriod[];
  own: boolean;
}

const HEIGHT = 250;
const CSAT_TOP = 24;
const CSAT_BOTTOM = 150;
const COUNT_BOTTOM = 212;
const COUNT_HEIGHT = 36;
/** Where the plot runs across, in % of the width: the left part holds the axis's labels. */
const LEFT = 12;
const SPAN = 86;
/** Past this many periods, only every so many is named under the axis and the points carry no figures. */
const MAX_LABELS = 8;

const percent = (locale: Locale, n: number) => `${formatNumber(locale, n, 0)} %`;

/**
 * CSAT per period as a line (the comparison's dashed), each period's count as a bar under it,
 * drawn by Lit as SVG. Across, positions are in % so that the text keeps its size at any
 * width (320 px or 1280 px). The SVG is one labelled image; the same figures stand in a table.
 */
export function renderTrendChart(series: Series[], heading: string, t: DashboardTranslation, locale: Locale): TemplateResult {
  const periods = [...new Set(series.flatMap((s) => s.periods.map((p) => p.period)))].sort();
  if (periods.length === 0) return html``;
  const x = (i: number) => LEFT + ((i + 0.5) / periods.length) * SPAN;
  const y = (csat: number) => CSAT_BOTTOM - (csat / 100) * (CSAT_BOTTOM - CSAT_TOP);
  const name = (p: string) => formatPeriod(locale, p, t.charts.weekShort, true);
  const own = series.find((s) => s.own);
  const ownBy = new Map(own?.periods.map((p) => [p.period, p.scores]));
  const maxCount = Math.max(1, ...[...ownBy.values()].map((s) => s.count));
  const every = Math.ceil(periods.length / MAX_LABELS);
  const summary = `${heading}. ${series
    .map((s) => `${s.label}: ${s.periods.map((p) => `${formatPeriod(locale, p.period, t.weekOf)} ${csatText(p.scores, t, locale)}`).join(', ')}`)
    .join('. ')}`;
  return html`<figure class="chart-figure">
    <figcaption><strong>${heading}</strong></figcaption>
    <ul class="legend" aria-hidden="true">
      ${series.map((s) => html`<li><span class=${s.own ? 'key own' : 'key other'}></span>${s.label} (${t.charts.csatShort})</li>`)}
      ${own ? html`<li><span class="key count"></span>${t.charts.countKey}</li>` : nothing}
    </ul>
    <svg class="chart" height=${HEIGHT} role="img" aria-label=${summary}>
      ${[0, 50, 100].map(
        (v) => svg`<line x1="0" x2="100%" y1=${y(v)} y2=${y(v)} stroke="#d8dcdf" />
          <text x="0" y=${y(v) - 4} font-size="12" fill="#4f5458">${percent(locale, v)}</text>`,
      )}
      ${series.map((s) => line(s, periods, x, y))}
      ${periods.map((p, i) => {
        const scores = ownBy.get(p);
        const barHeight = scores ? Math.max(2, (scores.count / maxCount) * COUNT_HEIGHT) : 0;
        return svg`
          ${scores
            ? svg`<rect x="${x(i) - 2}%" width="4%" y=${COUNT_BOTTOM - barHeight} height=${barHeight} fill="#6f777b" />
              <text x="${x(i)}%" y=${COUNT_BOTTOM - barHeight - 4} text-anchor="middle" font-size="12" fill="#1b1b1b">${formatNumber(locale, scores.count)}</text>`
            : nothing}
          ${i % every === 0
            ? svg`<text class="period" x="${x(i)}%" y=${HEIGHT - 18} text-anchor="middle" font-size="12" fill="#1b1b1b">${name(p)}</text>`
            : nothing}`;
      })}
      ${own && periods.length <= MAX_LABELS
        ? periods.map((p, i) => {
            const csat = ownBy.get(p)?.csat;
            return csat === null || csat === undefined
              ? nothing
              : svg`<text x="${x(i)}%" y=${y(csat) - 10} text-anchor="middle" font-size="12" font-weight="700" fill="#0a5cad">${percent(locale, csat)}</text>`;
          })
        : nothing}
    </svg>
  </figure>`;
}

/** A series' CSAT as points joined by lines; a period without ratings breaks the line. */
function line(s: Series, periods: string[], x: (i: number) => number, y: (csat: number) => number): TemplateResult {
  const by = new Map(s.periods.map((p) => [p.period, p.scores.csat]));
  const colour = s.own ? '#0a5cad' : '#505a5f';
  const dash = s.own ? nothing : '6 4';
  return svg`${periods.map((p, i) => {
    const here = by.get(p);
    const next = by.get(periods[i + 1] ?? '');
    if (here === null || here === undefined) return nothing;
    return svg`
      ${next === null || next === undefined
        ? nothing
        : svg`<line x1="${x(i)}%" x2="${x(i + 1)}%" y1=${y(here)} y2=${y(next)} stroke=${colour} stroke-width="3" stroke-dasharray=${dash} />`}
      ${s.own
        ? svg`<circle cx="${x(i)}%" cy=${y(here)} r="5" fill=${colour} />`
        : svg`<rect x="${x(i)}%" y=${y(here) - 4} width="8" height="8" transform="translate(-4 0)" fill="#fff" stroke=${colour} stroke-width="2" />`}`;
  })}`;
}

/** `67 %`, or "no ratings" for a period without any. */
export function csatText(scores: Scores, t: DashboardTranslation, locale: Locale): string {
  return scores.csat === null ? t.noRating : percent(locale, scores.csat);
}

/**
 * How the ratings fall, 5 at the top, as bars of each rating's share, with the count and share
 * in words beside each bar: readable as it is by a screen reader (the bars are decoration).
 * The bars are SVG: a width in a `style` attribute would break the page's CSP (`style-src 'self'`).
 */
export function renderDistribution(label: string, scores: Scores, t: DashboardTranslation, locale: Locale, own = true): TemplateResult {
  const rated = scores.distribution.reduce((a, b) => a + b, 0);
  return html`<div class="distribution-card">
    <h4>${label}</h4>
    <ul class="bars">
      ${[5, 4, 3, 2, 1].map((rating) => {
        const n = scores.distribution[rating - 1]!;
        const share = rated ? (100 * n) / rated : 0;
        return html`<li>
          <span class="bar-label">${t.charts.ratingOf(rating)}</span>
          <svg class="bar-track" aria-hidden="true" width="100%" height="16"><rect width="${share}%" height="16" fill=${own ? '#0a5cad' : '#505a5f'} /></svg>
          <span class="bar-value">${formatNumber(locale, n)} (${percent(locale, share)})</span>
        </li>`;
      })}
    </ul>
  </div>`;
}

/** The headline figures: CSAT, mean and count, each with the comparison's figure (if it may be shown) under it. */
export function renderKeyFigures(own: { label: string; scores: Scores }, other: { label: string; scores: Scores | null } | undefined, t: DashboardTranslation, locale: Locale): TemplateResult {
  const mean = (s: Scores) => (s.mean === null ? t.noRating : `${formatNumber(locale, s.mean)} / 5`);
  const figures: [string, (s: Scores) => string][] = [
    [t.charts.csatLong, (s) => csatText(s, t, locale)],
    [t.mean, mean],
    [t.count_, (s) => formatNumber(locale, s.count)],
  ];
  return html`<dl class="key-figures">
    ${figures.map(
      ([name, value]) => html`<div class="key-figure">
        <dt>${name}</dt>
        <dd class="big">${value(own.scores)}<span class="visually-hidden"> (${own.label})</span></dd>
        ${other ? html`<dd class="muted">${other.label}: ${other.scores ? value(other.scores) : t.charts.tooFew}</dd>` : nothing}
      </div>`,
    )}
  </dl>`;
}
