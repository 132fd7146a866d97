import { z } from 'zod';
import type { Store } from './store-port.js';
import { DomainError } from './errors.js';
import type { Feedback } from './model.js';
import { ID_PATTERN } from './validation.js';

/** About 18 months: feedback older than this loses its contact data and free text. */
export const DEFAULT_RETENTION_DAYS = 548;

/** How an access or erasure request names a person (a query or a body): one item's reference, or else an email. */
export const personSelector = z.object({
  id: z.string().regex(ID_PATTERN).optional().meta({ description: 'A feedback reference: that one item.' }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+$/)
    .optional()
    .meta({ description: 'The giver’s contact email, any case: every item given with it.' }),
});

/** A person as an access or erasure request names them: an email (trimmed, lower case) or one item's reference. */
export type Person = { email: string } | { id: string };

/** Checks a request's selector; throws `invalid_input` for one that names no one. */
export function personOf(who: unknown): Person {
  const result = personSelector.safeParse(who ?? {});
  if (result.success && result.data.id) return { id: result.data.id };
  if (result.success && result.data.email) return { email: result.data.email };
  if (result.error?.issues.some((issue) => issue.path[0] === 'id')) throw new DomainError('invalid_input', 'invalid_id', 'That is not a feedback reference.');
  throw new DomainError('invalid_input', 'invalid_email', 'Give the person’s email address, or a feedback reference.');
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
