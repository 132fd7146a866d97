import type { GroupScores, Locale, MyScoresResponse } from '../../../contract/api.js';
import { feedbackSourceLabel, TEXTS } from '../texts/index.js';
import { areaBeside } from './area-beside.js';
import type { Official } from './model.js';
import type { Period } from './city-time.js';
import { scoresOf, type KeyScores } from './scores.js';
import { scoresOfCells } from './aggregate-reading.js';
import type { DayRange } from './aggregates.js';
import { listLinkDetails, type LinkDetails } from './signature-links.js';
import type { Store } from './store-port.js';

/**
 * An official's own scores: in total and per period, and per signature link, message
 * reference and channel, each group labelled for people, each figure beside their service
 * area's (where enough others' ratings stand behind it, see area-beside.ts), of the city's
 * `days`; periods in the city's `timeZone`.
 */
export async function myScores(store: Store, official: Official, period: Period, timeZone: string, locale: Locale, days: DayRange): Promise<MyScoresResponse> {
  const [mine, ofArea, area, details] = await Promise.all([
    store.scoreCells({ officialId: official.id }, timeZone, days, { period, linksAndRefs: true }),
    // The area's figures beside one's own go by period and channel only.
    store.scoreCells({ serviceAreaId: official.serviceAreaId }, timeZone, days, { period, linksAndRefs: false }),
    store.getServiceArea(official.serviceAreaId),
    listLinkDetails(store, { officialId: official.id }),
  ]);
  const links = new Map(details.map((d) => [d.link.id, d]));
  const [total, byLink, byRef, byChannel] = scoresOfCells(mine, period, [() => '', (c) => c.linkId, (c) => c.ref, (c) => c.channel]);
  const all = total![0];
  const beside = areaBeside(ofArea, official.id, period);
  return {
    period,
    days: { from: days.from, to: days.to ?? null },
    total: all?.scores ?? scoresOf([]),
    byPeriod: all?.byPeriod ?? [],
    byLink: labelled(byLink!, (id) => linkLabel(links.get(id), locale)).map(beside.overSpanOf),
    byRef: labelled(byRef!, (ref) => ref).map(beside.overSpanOf),
    byChannel: labelled(byChannel!, (channel) => TEXTS[locale].sources.channels[channel as Channel] ?? channel).map(beside.ofChannel),
    area: {
      id: official.serviceAreaId,
      name: area?.name[locale] ?? official.serviceAreaId,
      scores: beside.scores,
      byPeriod: beside.byPeriod,
    },
  };
}

type Channel = keyof (typeof TEXTS)['en']['sources']['channels'];

/** `Kysely: sähköpostin allekirjoitus · Elinvoima`: a link by its channel and area, in words. */
export function linkLabel(details: LinkDetails | undefined, locale: Locale): string {
  if (!details) return TEXTS[locale].sources.removedLink;
  return feedbackSourceLabel(locale, { channel: details.link.channel, serviceArea: details.serviceArea.name[locale], revoked: !!details.link.revokedAt });
}

export function labelled(groups: KeyScores[], labelOf: (key: string) => string): GroupScores[] {
  return groups.map(({ key, scores, byPeriod }) => ({ key, label: labelOf(key), scores, byPeriod }));
}
