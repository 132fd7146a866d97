import type { GroupScores, Locale, MyScoresResponse } from '../../../contract/api.js';
import type { Official } from './model.js';
import type { Period } from './city-time.js';
import { scoresByKeys, scoresOf, type KeyScores } from './scores.js';
import { listLinkDetails, type LinkDetails } from './signature-links.js';
import type { Store } from './store-port.js';

/**
 * An official's own scores: in total and per period, and per signature link, message
 * reference and channel, each group labelled for people; periods in the city's `timeZone`.
 */
export async function myScores(store: Store, official: Official, period: Period, timeZone: string, locale: Locale): Promise<MyScoresResponse> {
  const mine = await store.feedbackFacts({ officialId: official.id });
  const links = new Map((await listLinkDetails(store, { officialId: official.id })).map((d) => [d.link.id, d]));
  const [total, byLink, byRef, byChannel] = scoresByKeys(mine, period, timeZone, [() => '', (f) => f.linkId, (f) => f.ref, (f) => f.channel]);
  const all = total![0];
  return {
    period,
    total: all?.scores ?? scoresOf([]),
    byPeriod: all?.byPeriod ?? [],
    byLink: labelled(byLink!, (id) => linkLabel(links.get(id), id, locale)),
    byRef: labelled(byRef!, (ref) => ref),
    byChannel: labelled(byChannel!, (channel) => channel),
  };
}

/** `email · Elinkeinopalvelut (revoked)`: a link by its channel and area; its id if the link is gone. */
function linkLabel(details: LinkDetails | undefined, id: string, locale: Locale): string {
  if (!details) return id;
  return `${details.link.channel} · ${details.serviceArea.name[locale]}${details.link.revokedAt ? ' (revoked)' : ''}`;
}

function labelled(groups: KeyScores[], labelOf: (key: string) => string): GroupScores[] {
  return groups.map(({ key, scores, byPeriod }) => ({ key, label: labelOf(key), scores, byPeriod }));
}
