/**
 * What kind of refusal a domain error is, in the domain's own words; the HTTP layer maps
 * each kind to a status (http/error-handler.ts), the command line prints the message.
 *
 * - `invalid_input`: what was given breaks a rule (a field, a reference to something unknown);
 * - `forbidden`: the caller may not do this (a wrong edit key);
 * - `not_found`: no such thing, or none the caller may see (ids of others' items are not probed);
 * - `conflict`: the thing's state does not allow it (last admin, email taken, not public);
 * - `gone`: it existed but is no longer usable (a revoked link, a used sign-in key, an expired edit);
 * - `unavailable`: it cannot be done right now, through nobody's fault; try again later.
 */
export type ErrorKind = 'invalid_input' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'unavailable';

/** A refusal the caller can act on: its kind, a stable `code`, a message a person understands, and per-field messages. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
