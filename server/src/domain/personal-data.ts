import { z } from 'zod';
import { readPhone } from '../../../contract/contact-details.js';
import { phoneInE164 } from './mobile-numbers.js';
import type { Store } from './store-port.js';
import { DomainError } from './errors.js';
import type { Feedback } from './model.js';
import { ID_PATTERN } from './validation.js';

/** About 18 months: feedback older than this loses its contact data and free text. */
export const DEFAULT_RETENTION_DAYS = 548;

/** How an access or erasure request names a person (a query or a body): one item's reference, or else an email or a phone number. */
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
  phone: z
    .string()
    .optional()
    .meta({ description: 'A phone number in Finnish or international form (`040 123 4567`, `+358 40 123 4567`): feedback given with it, SMS sent to it, and its SMS quiet period.' }),
});

/** A person named as a request names one, before it is checked. */
export type PersonSelector = z.input<typeof personSelector>;

/**
 * A person as an access or erasure request names them: an email (trimmed, lower case), one
 * item's reference, or a phone number in E.164 (`phoneInE164`: as SMS surveys and contact
 * fields store it), with `writtenAs`, the widget's own reading, which older items and mail
 * may hold for a foreign number written with its trunk 0 (`+460701234567`).
 */
export type Person = { email: string } | { id: string } | { phone: string; writtenAs: string };

/** Checks a request's selector; throws `invalid_input` for one that names no one. */
export function personOf(who: unknown): Person {
  const result = personSelector.safeParse(who ?? {});
  if (result.success && result.data.id) return { id: result.data.id };
  if (result.success && result.data.phone !== undefined && result.data.email === undefined) {
    const phone = phoneInE164(result.data.phone);
    if (!phone) throw new DomainError('invalid_input', 'invalid_phone', 'That is not a phone number: give it as 040 123 4567 or +358 40 123 4567.');
    return { phone, writtenAs: readPhone(result.data.phone)! };
  }
  if (result.success && result.data.email) return { email: result.data.email };
  const wrong = new Set(result.error?.issues.map((issue) => issue.path[0]));
  if (wrong.has('id')) throw new DomainError('invalid_input', 'invalid_id', 'That is not a feedback reference.');
  if (wrong.has('phone')) throw new DomainError('invalid_input', 'invalid_phone', 'That is not a phone number: give it as 040 123 4567 or +358 40 123 4567.');
  throw new DomainError('invalid_input', 'invalid_email', 'Give the person’s email address, phone number, or a feedback reference.');
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
    for await (const batch of store.feedbackBatches()) items.push(...batch.filter((f) => f.contact?.phone !== undefined && phoneInE164(f.contact.phone) === person.phone));
    return items;
  }
  return (await store.queryFeedback({ contactEmail: person.email })).items;
}

export type AccessCopy = Omit<Feedback, 'editKeyHash' | 'editableUntil' | 'statusKeyHash'>[];

/** A person's own data, for an access request: everything stored, but no secrets. */
export function accessCopy(items: Feedback[]): AccessCopy {
  return items.map(({ editKeyHash: _hash, editableUntil: _until, statusKeyHash: _statusKey, ...item }) => item);
}
