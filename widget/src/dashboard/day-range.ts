import { html, nothing, type TemplateResult } from 'lit';
import type { DayRangeShown } from '../../../contract/api.js';
import type { DashboardTranslation } from './locales/index.js';

/** The days a dashboard view counts: empty for the server's default (the last 12 months). */
export interface DayRangeChoice {
  from: string;
  to: string;
}

/** `&from=…&to=…` for the chosen days (none for the default). */
export function dayRangeQuery(range: DayRangeChoice): string {
  return `${range.from ? `&from=${range.from}` : ''}${range.to ? `&to=${range.to}` : ''}`;
}

/**
 * From–to dates and a button: `apply` gets the days chosen, or `refuse` a message when the
 * range ends before it begins. The fields show the days the server counted (`shown`).
 */
export function dayRangeForm(
  t: DashboardTranslation,
  shown: DayRangeShown | undefined,
  error: string,
  apply: (range: DayRangeChoice) => void,
  refuse: (message: string) => void,
): TemplateResult {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const range = { from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') };
    if (range.from && range.to && range.to < range.from) refuse(t.dayRange.reversed);
    else apply(range);
  };
  return html`<form class="row filters" aria-label=${t.dayRange.label} @submit=${submit}>
    <div class="field"><label for="range-from">${t.from}</label>
      <input id="range-from" name="from" type="date" aria-describedby=${error ? 'range-error' : nothing} .value=${shown?.from ?? ''} /></div>
    <div class="field"><label for="range-to">${t.to}</label>
      <input id="range-to" name="to" type="date" aria-describedby=${error ? 'range-error' : nothing} .value=${shown?.to ?? ''} /></div>
    <button type="submit">${t.dayRange.show}</button>
    ${error ? html`<p class="error" id="range-error" role="alert">${error}</p>` : nothing}
  </form>`;
}
