import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../../contract/api.js';
import { formatNumber } from '../shared/format.js';
import type { DashboardTranslation } from './locales/index.js';

/** Newer / older buttons under a paged list, and where in it the reader is. */
export function renderPager(
  list: { page: number; pageSize: number; total: number },
  t: DashboardTranslation,
  locale: Locale,
  go: (page: number) => void,
): TemplateResult | typeof nothing {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  if (pages === 1) return nothing;
  const where = t.pageOf.replace('{page}', formatNumber(locale, list.page)).replace('{pages}', formatNumber(locale, pages));
  return html`<nav class="row" aria-label=${where}>
    <button type="button" class="secondary" ?disabled=${list.page <= 1} @click=${() => go(list.page - 1)}>${t.previous}</button>
    <span>${where}</span>
    <button type="button" class="secondary" ?disabled=${list.page >= pages} @click=${() => go(list.page + 1)}>${t.next}</button>
  </nav>`;
}
