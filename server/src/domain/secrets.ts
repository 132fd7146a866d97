import { createHash } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';

/**
 * Feedback references: short enough to read out on the phone, without look-alike
 * characters (0/O, 1/I/L). 31^10 ≈ 8·10^14 values: unguessable in practice, unique in use.
 */
export const newFeedbackId = customAlphabet('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 10);

/**
 * A nanoid (`size` characters) that never begins with `-` or `_`: ids and tokens people type
 * at the command line (`suora link revoke TOKEN`, `suora deputies clear OFFICIAL ID`), where
 * a leading `-` reads as an option.
 */
export function newTypableId(size = 21): string {
  let id: string;
  do id = nanoid(size);
  while (!/^[A-Za-z0-9]/.test(id));
  return id;
}

/** A secret handed to one client (edit keys, later login keys and link tokens): 126 bits. */
export function newSecret(): string {
  return nanoid();
}

/** Secrets are stored only as this hash, so a leaked data file reveals no live secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
