import { readPhone } from '../../../contract/contact-details.js';
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
  phone?: unknown;
}

/**
 * A person as an access or erasure request names them: an email (trimmed, lower case), one
 * item's reference, or a phone number (E.164: the SMS survey's number, or a contact's).
 */
export type Person = { email: string } | { id: string } | { phone: string };

/** Checks a request's selector; throws `invalid_input` for one that names no one. */
export function personOf(who: PersonSelector): Person {
  if (typeof who.id === 'string') {
    if (!ID_PATTERN.test(who.id)) throw new DomainError('invalid_input', 'invalid_id', 'That is not a feedback reference.');
    return { id: who.id };
  }
  if (who.phone !== undefined && who.email === undefined) {
    const phone = typeof who.phone === 'string' ? readPhone(who.phone) : null;
    if (!phone) throw new DomainError('invalid_input', 'invalid_phone', 'That is not a phone number: give it as 040 123 4567 or +358 40 123 4567.');
    return { phone };
  }
  const email = typeof who.email === 'string' ? who.email.trim().toLowerCase() : undefined;
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    throw new DomainError('invalid_input', 'invalid_email', 'Give the person’s email address, phone number, or a feedback reference.');
  }
  return { email };
}

/**
 * The feedback a person gave: by their contact email (any case, trimmed), their contact
 * phone (stored in E.164; read from every item a batch at a time, as requests by phone are
 * rare), or one item by its reference.
 */
export async function findPersonsFeedback(store: Store, person: Person): Promise<Feedback[]> {
  if ('id' in person) {
    const item = await store.getFeedback(person.id);
    return item ? [item] : [];
  }
  if ('phone' in person) {
    const items: Feedback[] = [];
    for await (const batch of store.feedbackBatches()) items.push(...batch.filter((f) => f.contact?.phone === person.phone));
    return items;
  }
  return (await store.queryFeedback({ contactEmail: person.email })).items;
}

export type AccessCopy = Omit<Feedback, 'editKeyHash' | 'editableUntil' | 'statusKeyHash'>[];

/** A person's own data, for an access request: everything stored, but no secrets. */
export function accessCopy(items: Feedback[]): AccessCopy {
  return items.map(({ editKeyHash: _hash, editableUntil: _until, statusKeyHash: _statusKey, ...item }) => item);
}
