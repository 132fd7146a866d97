import type { GroupScores, Locale, MyScoresResponse } from '../../../contract/api.js';
import { feedbackSourceLabel, TEXTS } from '../texts/index.js';
import { areaBeside } from './area-beside.js';
import type { Official } from './model.js';
import type { Period } from './city-time.js';
import { scoresByKeys, scoresOf, type KeyScores } from './scores.js';
import { listLinkDetails, type LinkDetails } from './signature-links.js';
import type { Store } from './store-port.js';

/**
 * An official's own scores: in total and per period, and per signature link, message
 * reference and channel, each group labelled for people, each figure beside their service
 * area's (where enough others' ratings stand behind it, see area-beside.ts); periods in the
 * city's `timeZone`.
 */
export async function myScores(store: Store, official: Official, period: Period, timeZone: string, locale: Locale): Promise<MyScoresResponse> {
  const [mine, ofArea, area] = await Promise.all([
    store.feedbackFacts({ officialId: official.id }),
    store.feedbackFacts({ serviceAreaId: official.serviceAreaId }),
    store.getServiceArea(official.serviceAreaId),
  ]);
  const links = new Map((await listLinkDetails(store, { officialId: official.id })).map((d) => [d.link.id, d]));
  const [total, byLink, byRef, byChannel] = scoresByKeys(mine, period, timeZone, [() => '', (f) => f.linkId, (f) => f.ref, (f) => f.channel]);
  const all = total![0];
  const beside = areaBeside(ofArea, official.id, period, timeZone);
  return {
    period,
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
