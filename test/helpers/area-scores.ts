import { addOfficial } from '../../server/src/domain/directory.js';
import type { Feedback } from '../../server/src/domain/model.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { feedbackItem } from '../store-contract/contract.js';

/**
 * Aino's scores beside her area's (Vitality), on a data set worked out by hand. Others in
 * Vitality: Jussi and Mikko; Laura's items lie in another area and count nowhere here.
 *
 * - September: Aino 5 (link L1, email); Jussi 1, 2. Others: 2 ratings: hidden.
 * - October: Aino 4 (L1, R-1, email), 2 (widget); Jussi 4, 5, 1; Mikko 5, 3 (email) and a
 *   comment without a rating. Others: 5 ratings of 2 people: shown. Area: 8 items, rated
 *   1, 2, 3, 4, 4, 5, 5 → distribution 1·1·1·2·2, CSAT 4/7 = 57.1 %, mean 24/7 = 3.43.
 * - November: Aino 5 (widget); Jussi 5, 5, 4, 4, 4, 4. Others: 6 ratings but all
 *   Jussi's: hidden (minus her own, it would be his score).
 */
const month = (m: number, minute: number) => new Date(Date.UTC(2026, m - 1, 15, 10, minute)).toISOString();
function items(): Feedback[] {
  const rated = (m: number, officialId: string, ratings: number[], more: Partial<Feedback> = {}) =>
    ratings.map((rating, i) => ({ ...feedbackItem({ officialId, rating, topicId: null, ...more }), createdAt: month(m, i + (officialId === 'aino' ? 0 : 10)) }));
  return [
    ...rated(9, 'aino', [5], { linkId: 'L1', ref: 'R-1', channel: 'email' }),
    ...rated(9, 'jussi', [1, 2]),
    ...rated(10, 'aino', [4], { linkId: 'L1', ref: 'R-1', channel: 'email' }),
    ...rated(10, 'aino', [2]),
    ...rated(10, 'jussi', [4, 5, 1]),
    ...rated(10, 'mikko', [5]),
    ...rated(10, 'mikko', [3], { channel: 'email' }),
    { ...feedbackItem({ officialId: 'mikko', rating: null }), createdAt: month(10, 30) },
    ...rated(11, 'aino', [5], { ref: 'R-2' }),
    ...rated(11, 'jussi', [5, 5, 4, 4, 4, 4]),
    ...rated(11, 'laura', [1, 1, 1, 1, 1], { serviceAreaId: 'urban' }),
  ];
}

/** The data set above, in a store seeded with the test city (seedTestCity). */
export async function addAreaScores(store: Store): Promise<void> {
  await addOfficial(store, 'server', { id: 'mikko', name: 'Mikko Laine', email: 'mikko@example.fi', serviceAreaId: 'vitality' });
  for (const item of items()) await store.addFeedback(item);
}
