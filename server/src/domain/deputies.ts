import { newTypableId } from './secrets.js';
import { z } from 'zod';
import type { DeputyInput, Deputyship as DeputyshipView, MyDeputies } from '../../../contract/api.js';
import type { Store } from './store-port.js';
import { audit, type Actor } from './audit.js';
import { parse, requireHandler } from './directory.js';
import { DomainError } from './errors.js';
import { localDay } from './city-time.js';
import { mayReceiveFeedback, type Deputyship, type Official, type RoutedVia } from './model.js';
import type { Holds, MatchesContract } from './type-checks.js';
import { reachOf } from './reach.js';
import { ID_PATTERN } from './validation.js';

/**
 * Deputies: while an official is away (`from`–`to`, the city's local dates, both days
 * included), new feedback routed to them goes to their deputy, and the item says why
 * (`routedVia`). Set by the official themself, the manager of their service area or an
 * admin; audited here, in the actor's name.
 */

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
function day(field: 'from' | 'to') {
  const message = `${field === 'from' ? 'The first day away' : 'The last day away'} is a date like 2026-12-21.`;
  return z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: message })
    .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { error: message });
}

export const deputyInput = z.strictObject(
  {
    deputy: z.string({ error: 'Choose a deputy.' }).regex(ID_PATTERN, { error: 'Choose a deputy.' }).meta({ description: 'The deputy’s official id: someone else who handles feedback.' }),
    from: day('from').meta({ description: 'The first day away, the city’s date (`2026-12-21`), inclusive.', format: 'date' }),
    to: day('to').meta({ description: 'The last day away, inclusive; on or after `from`.', format: 'date' }),
  },
  { error: 'Send the deputy and the first and last day away.' },
);

type _Contract = Holds<MatchesContract<z.input<typeof deputyInput>, DeputyInput>>;

/** Who may set and clear an official's deputies: the official themself, the manager of their area, and admins. */
async function assertMayManage(store: Store, actor: Actor, officialId: string): Promise<void> {
  if (typeof actor === 'string' || actor.role === 'admin' || actor.id === officialId) return;
  if (actor.role === 'manager') {
    const reach = await reachOf(store, actor);
    if (reach.kind === 'area' && reach.officialIds.includes(officialId)) return;
    throw new DomainError('forbidden', 'forbidden', 'A manager sets deputies only for the people of their own service area.');
  }
  throw new DomainError('forbidden', 'forbidden', 'Only the official themself, their manager or an admin can set their deputies.');
}

/**
 * Sets a deputy for a period away. Refused (`invalid_input`): a period that ends before it
 * starts, oneself as the deputy, a deputy who cannot receive feedback (inactive, a
 * decision-maker, unknown), an official who receives none; (`conflict`) a period that
 * overlaps another of the same official's, so that one day never has two deputies.
 */
export async function setDeputy(store: Store, actor: Actor, officialId: string, input: unknown): Promise<DeputyshipView> {
  await assertMayManage(store, actor, officialId);
  const official = await requireOfficial(store, officialId);
  const data = parse(deputyInput, input);
  if (data.to < data.from) {
    throw new DomainError('invalid_input', 'period_reversed', `The period ends (${data.to}) before it starts (${data.from}): give the last day away on or after the first.`, {
      to: 'The last day away is on or after the first.',
    });
  }
  if (!mayReceiveFeedback(official)) {
    throw new DomainError('invalid_input', 'not_a_handler', `${official.name} receives no feedback, so needs no deputy.`);
  }
  if (data.deputy === official.id) {
    throw new DomainError('invalid_input', 'deputy_self', 'A deputy is someone else: choose a colleague who handles feedback while you are away.', {
      deputy: 'Choose someone else.',
    });
  }
  const deputy = await requireHandler(store, data.deputy, 'deputy');
  const periods = await store.listDeputyships();
  const overlapping = periods.find((p) => p.officialId === official.id && p.from <= data.to && data.from <= p.to);
  if (overlapping) {
    const other = (await store.getOfficial(overlapping.deputyId))?.name ?? overlapping.deputyId;
    throw new DomainError(
      'conflict',
      'deputy_overlap',
      `${official.name} already has a deputy (${other}) from ${overlapping.from} to ${overlapping.to}. Periods away cannot overlap: change the dates, or remove that period first.`,
      { from: 'Overlaps another period away.' },
    );
  }
  const deputyship: Deputyship = { id: newTypableId(10), officialId: official.id, deputyId: deputy.id, from: data.from, to: data.to };
  await store.saveDeputyship(deputyship);
  await audit(store, actor, 'deputy-set', { targetId: official.id }, { deputy: deputy.id });
  return view(deputyship, new Map([official, deputy].map((o) => [o.id, o])));
}

/** Removes one of `officialId`'s periods away; someone else's is `not_found`. Audited. */
export async function clearDeputy(store: Store, actor: Actor, officialId: string, deputyshipId: string): Promise<void> {
  await assertMayManage(store, actor, officialId);
  const deputyship = (await store.listDeputyships()).find((p) => p.id === deputyshipId && p.officialId === officialId);
  if (!deputyship) throw new DomainError('not_found', 'not_found', 'There is no such period away.');
  await store.deleteDeputyship(deputyship.id);
  await audit(store, actor, 'deputy-clear', { targetId: officialId }, { deputy: deputyship.deputyId });
}

/** An official's periods away, and those in which they cover for someone, by first day; and who could be their deputy. */
export async function deputiesOf(store: Store, actor: Actor, officialId: string): Promise<MyDeputies> {
  await assertMayManage(store, actor, officialId);
  await requireOfficial(store, officialId);
  const [periods, officials] = await Promise.all([store.listDeputyships(), store.listOfficials()]);
  const byId = new Map(officials.map((o) => [o.id, o]));
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return {
    absences: sorted.filter((p) => p.officialId === officialId).map((p) => view(p, byId)),
    covering: sorted.filter((p) => p.deputyId === officialId).map((p) => view(p, byId)),
    candidates: officials
      .filter((o) => o.id !== officialId && mayReceiveFeedback(o))
      .map((o) => ({ id: o.id, name: o.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fi')),
  };
}

/** How many hops routing follows: to the deputy, and on to the deputy's own deputy when they are away too. */
const MAX_HOPS = 2;

/**
 * Who receives feedback arriving at `now` for `officialId`: the deputy of a period away that
 * includes the city's day (in `timeZone`), and when that deputy is away too, their deputy (at most
 * `MAX_HOPS`). The chain never returns to the person away and never reaches someone who
 * cannot receive feedback (deactivated since the period was set): it stops before them.
 * `routedVia` names the official it was meant for, or is null when nobody is away.
 */
export async function coverFor(store: Store, officialId: string, now: Date, timeZone: string): Promise<{ officialId: string; routedVia: RoutedVia | null }> {
  const today = localDay(now.getTime(), timeZone);
  const periods = await store.listDeputyships();
  let current = officialId;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const away = periods.find((p) => p.officialId === current && p.from <= today && today <= p.to);
    const deputy = away && (await store.getOfficial(away.deputyId));
    if (!deputy || !mayReceiveFeedback(deputy) || deputy.id === officialId) break;
    current = deputy.id;
  }
  return { officialId: current, routedVia: current === officialId ? null : { deputyFor: officialId } };
}

async function requireOfficial(store: Store, officialId: string): Promise<Official> {
  const official = ID_PATTERN.test(officialId) ? await store.getOfficial(officialId) : undefined;
  if (!official) throw new DomainError('not_found', 'not_found', `There is no official "${officialId}".`);
  return official;
}

function view(p: Deputyship, officials: Map<string, Official>): DeputyshipView {
  const person = (id: string) => ({ id, name: officials.get(id)?.name ?? id });
  return { id: p.id, official: person(p.officialId), deputy: person(p.deputyId), from: p.from, to: p.to };
}
