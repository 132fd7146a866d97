/**
 * A refusal that belongs to HTTP itself, not to the domain: a body that is not JSON, a
 * cross-site request, no session, too many requests, a bad query parameter. It carries its
 * status; the error handler answers it like a domain error, in the contract's shape.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
