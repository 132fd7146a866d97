import { html, nothing, type TemplateResult } from 'lit';
import type { HistoryActor, HistoryEntry, RoutingView } from '../../../contract/api.js';
import type { DashboardTranslation } from './locales/index.js';

/**
 * An item's history as a timeline, oldest first: each step marked by its kind (a dot on a line,
 * its kind also in words), with who took it and when (a `<time>` element, the city's clock).
 * Notes are shown as staff wrote them, as text.
 */
export function renderHistory(history: readonly HistoryEntry[], t: DashboardTranslation, date: (iso: string) => string): TemplateResult {
  return html`<ol class="timeline">
    ${history.map(
      (entry) => html`<li class="step ${entry.kind}">
        <p class="what"><strong>${what(entry, t)}</strong></p>
        <p class="muted"><span>${actor(entry.actor, t)}</span> · <time datetime=${entry.at}>${date(entry.at)}</time></p>
        ${text(entry, t)}
      </li>`,
    )}
  </ol>`;
}

function actor(who: HistoryActor, t: DashboardTranslation): string {
  if (who === 'giver') return t.historyGiver;
  if (who === 'system') return t.historySystem;
  return who.name;
}

function place(r: RoutingView): string {
  return `${r.official.name} (${[r.serviceArea.name, r.topic?.name].filter(Boolean).join(' · ')})`;
}

function what(entry: HistoryEntry, t: DashboardTranslation): string {
  switch (entry.kind) {
    case 'received':
      return t.historyReceived(t.channels[entry.channel], t.routedBy[entry.routedBy], place(entry.to));
    case 'forwarded':
      return t.historyForwarded(place(entry.from), place(entry.to));
    case 'status':
      return t.historyStatus(t.statuses[entry.from], t.statuses[entry.to]);
    default:
      return t.historyKinds[entry.kind];
  }
}

function text(entry: HistoryEntry, t: DashboardTranslation): TemplateResult | typeof nothing {
  const body = entry.kind === 'note' ? entry.text : entry.kind === 'forwarded' ? entry.note : undefined;
  if (body === undefined) return nothing;
  return body === null ? html`<p class="muted">${t.historyTextPurged}</p>` : html`<p class="comment card">${body}</p>`;
}
