import type { Store } from './store-port.js';
import { DomainError } from './errors.js';
import type { Feedback } from './model.js';
import { ID_PATTERN } from './validation.js';

/** About 18 months: feedback older than this loses its contact data and free text. */
export const DEFAULT_RETENTION_DAYS = 548;

/** How a request names a person, as it came (a query or a body): a value that is not a string counts as not given. */
export interface PersonSelector {
  email?: unknown;
  id?: unknown;
}

/** A person as an access or erasure request names them: an email (trimmed, lower case) or one item's reference. */
export type Person = { email: string } | { id: string };

/** Checks a request's selector; throws `invalid_input` for one that names no one. */
export function personOf(who: PersonSelector): Person {
  if (typeof who.id === 'string') {
    if (!ID_PATTERN.test(who.id)) throw new DomainError('invalid_input', 'invalid_id', 'That is not a feedback reference.');
    return { id: who.id };
  }
  const email = typeof who.email === 'string' ? who.email.trim().toLowerCase() : undefined;
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    throw new DomainError('invalid_input', 'invalid_email', 'Give the person’s email address, or a feedback reference.');
  }
  return { email };
}

/** The feedback a person gave: by their contact email (any case, trimmed), or one item by its reference. */
export async function findPersonsFeedback(store: Store, person: Person): Promise<Feedback[]> {
  if ('id' in person) {
    const item = await store.getFeedback(person.id);
    return item ? [item] : [];
  }
  return (await store.queryFeedback({ contactEmail: person.email })).items;
}

export type AccessCopy = Omit<Feedback, 'editKeyHash' | 'editableUntil' | 'statusKeyHash'>[];

/** A person's own data, for an access request: everything stored, but no secrets. */
export function accessCopy(items: Feedback[]): AccessCopy {
  return items.map(({ editKeyHash: _hash, editableUntil: _until, statusKeyHash: _statusKey, ...item }) => item);
}
