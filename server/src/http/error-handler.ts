import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { ErrorResponse } from '../../../contract/api.js';
import { DomainError, type ErrorKind } from '../domain/errors.js';
import { StoreUnavailableError } from '../domain/store-port.js';
import { HttpError } from './http-error.js';
import { logOf } from './request-log.js';

/** The status each kind of domain error is answered with. */
const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unavailable: 503,
};

/** body-parser's error types, in words a person understands. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'The request body is not valid JSON.'],
  // Routes whose limit can be put in words say it too (json-body.ts).
  'entity.too.large': [413, 'too_large', 'The request is too large.'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'The request body encoding is not supported.'],
  'charset.unsupported': [415, 'unsupported_charset', 'Send the request body as UTF-8.'],
  'request.aborted': [400, 'aborted', 'The request was interrupted before it was complete.'],
  'request.size.invalid': [400, 'invalid_size', 'The request body was not as long as it said.'],
};

/** The HTTP status of a refusal: a domain error's by its kind, an HTTP error's its own. */
export function statusOf(error: DomainError | HttpError): number {
  return error instanceof DomainError ? STATUS_OF_KIND[error.kind] : error.status;
}

/** Unknown routes under /api answer in the contract's error shape. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(bodyOf(new HttpError(404, 'not_found', `There is no ${req.method} ${fullPath(req)} here.`)));
};

/** The path the client asked for: a router's `req.path` has lost the prefix it is mounted at. */
export function fullPath(req: Request): string {
  return new URL(req.originalUrl, 'http://x').pathname;
}

/**
 * Turns every error into the contract's shape; never sends a stack trace. What the client
 * got wrong is a 4xx and is not logged (a client must not fill the log); only our own
 * failures (5xx) are.
 */
export const errorHandler: ErrorRequestHandler = errorHandlerAnswering((req, res, status, answer) => res.status(status).json(bodyOf(answer)));

/** An error handler that refuses and logs as `errorHandler` does, and answers through `send` (Open311 has its own error shape). */
export function errorHandlerAnswering(send: (req: Request, res: Response, status: number, answer: DomainError | HttpError) => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const answer = refusalOf(error);
    const status = statusOf(answer);
    if (error instanceof StoreUnavailableError) logOf(res).error({ err: error }, 'storage unavailable');
    else if (status >= 500) logOf(res).error({ err: error }, 'request failed');
    if (res.headersSent) return;
    if (status === 503) res.set('Retry-After', '30');
    send(req, res, status, answer);
  };
}

function bodyOf(error: DomainError | HttpError): ErrorResponse {
  return { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
}

function refusalOf(error: unknown): DomainError | HttpError {
  if (error instanceof DomainError || error instanceof HttpError) return error;
  if (error instanceof StoreUnavailableError) {
    return new DomainError(
      'unavailable',
      'storage_unavailable',
      'The feedback service cannot save anything right now. Nothing was saved; please try again in a moment.',
    );
  }
  // Express and its parts (body-parser, the router's path decoding, serve-static) mark what
  // the client sent wrong with a 4xx `status`.
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) return new HttpError(...known);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, 'bad_request', 'The request could not be understood.');
  }
  return new HttpError(500, 'internal', 'Something went wrong on our side. Nothing was saved; please try again.');
}
