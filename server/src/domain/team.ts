import type { Locale, TeamResponse, TeamScoresResponse } from '../../../contract/api.js';
import type { Period } from './city-time.js';
import { DomainError } from './errors.js';
import type { Official } from './model.js';
import { labelled, linkLabel } from './my-scores.js';
import { reachOf } from './reach.js';
import { scoresOf } from './scores.js';
import { scoresOfCells } from './aggregate-reading.js';
import type { DayRange } from './aggregates.js';
import { listLinkDetails } from './signature-links.js';
import type { Store } from './store-port.js';

/** A manager's team: their area and its people by name (whose absences they may set). */
export async function teamOf(store: Store, manager: Official, locale: Locale): Promise<TeamResponse> {
  const reach = await reachOf(store, manager);
  if (reach.kind !== 'area') throw new DomainError('forbidden', 'forbidden', 'A team is the people of a manager’s service area.');
  const officials = (await store.listOfficials()).filter((o) => reach.officialIds.includes(o.id) && o.active);
  return {
    area: { id: reach.area.id, name: reach.area.name[locale] },
    officials: officials.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name, 'fi')),
  };
}

/**
 * A manager's team scores: the feedback within their reach (their area's, and whatever is
 * routed to its people) per official of the area, per survey link and per `ref`, with the
 * area's total beside the city's, of the city's `days`; periods in the city's `timeZone`.
 * Only a manager has a team.
 */
export async function teamScores(store: Store, manager: Official, period: Period, timeZone: string, locale: Locale, days: DayRange): Promise<TeamScoresResponse> {
  const reach = await reachOf(store, manager);
  if (reach.kind !== 'area') throw new DomainError('forbidden', 'forbidden', 'Team scores are for the manager of a service area.');
  const [facts, officials, links, city] = await Promise.all([
    store.scoreCells({ reach: { serviceAreaId: reach.area.id, officialIds: reach.officialIds } }, timeZone, days, { period, linksAndRefs: true }),
    store.listOfficials(),
    listLinkDetails(store, {}),
    store.feedbackStats(period, timeZone, days),
  ]);
  const team = officials.filter((o) => reach.officialIds.includes(o.id)).sort((a, b) => a.name.localeCompare(b.name, 'fi'));
  const inTeam = new Set(reach.officialIds);
  const [total, byOfficial, byLink, byRef] = scoresOfCells(facts, period, [
    () => '',
    // An item of the area with someone outside it (a deputy elsewhere) counts for the area, not for a person of it.
    (f) => (inTeam.has(f.officialId) ? f.officialId : null),
    (f) => f.linkId,
    (f) => f.ref,
  ]);
  const perOfficial = new Map(byOfficial!.map((g) => [g.key, g]));
  const linkById = new Map(links.map((d) => [d.link.id, d]));
  return {
    period,
    days: { from: days.from, to: days.to ?? null },
    area: { id: reach.area.id, name: reach.area.name[locale] },
    byOfficial: team.map((o) => ({ key: o.id, label: o.name, ...(perOfficial.get(o.id) ?? { scores: scoresOf([]), byPeriod: [] }) })),
    byLink: labelled(byLink!, (id) => {
      const details = linkById.get(id);
      return details ? `${details.official.name} · ${linkLabel(details, locale)}` : linkLabel(undefined, locale);
    }),
    byRef: labelled(byRef!, (ref) => ref),
    areaTotal: total![0] ? { scores: total![0].scores, byPeriod: total![0].byPeriod } : { scores: scoresOf([]), byPeriod: [] },
    cityTotal: { scores: city.total.scores, byPeriod: city.total.byPeriod },
  };
}
