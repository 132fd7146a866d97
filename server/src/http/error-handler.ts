import type { ErrorRequestHandler, RequestHandler } from 'express';
import { RequestError } from '../domain/errors.js';
import { StoreUnavailableError } from '../domain/store-port.js';

/** body-parser's error types, in words a person understands. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'The request body is not valid JSON.'],
  'entity.too.large': [413, 'too_large', 'The request is too large. A comment can be at most 4000 characters.'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'The request body encoding is not supported.'],
  'charset.unsupported': [415, 'unsupported_charset', 'Send the request body as UTF-8.'],
  'request.aborted': [400, 'aborted', 'The request was interrupted before it was complete.'],
  'request.size.invalid': [400, 'invalid_size', 'The request body was not as long as it said.'],
};

/** Unknown routes under /api answer in the contract's error shape. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(new RequestError(404, 'not_found', `There is no ${req.method} ${req.path} here.`));
};

/**
 * Turns every error into the contract's shape; never sends a stack trace. What the client
 * got wrong is a 4xx and is not logged (a client must not fill the log); only our own
 * failures (5xx) are.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const answer = toRequestError(error);
  if (error instanceof StoreUnavailableError) console.error(`Storage unavailable: ${error.message}`);
  else if (answer.status >= 500) console.error(error);
  if (res.headersSent) return;
  if (answer.status === 503) res.set('Retry-After', '30');
  res.status(answer.status).json(answer);
};

function toRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  if (error instanceof StoreUnavailableError) {
    return new RequestError(
      503,
      'storage_unavailable',
      'The feedback service cannot save anything right now. Nothing was saved; please try again in a moment.',
    );
  }
  // Express and its parts (body-parser, the router's path decoding, serve-static) mark what
  // the client sent wrong with a 4xx `status`.
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) return new RequestError(...known);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new RequestError(status, 'bad_request', 'The request could not be understood.');
  }
  return new RequestError(500, 'internal', 'Something went wrong on our side. Nothing was saved; please try again.');
}
