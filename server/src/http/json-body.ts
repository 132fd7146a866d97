import express, { type RequestHandler } from 'express';
import { HttpError } from './http-error.js';

type JsonOptions = NonNullable<Parameters<typeof express.json>[0]>;

/**
 * `express.json` whose 413 names this route's own limit in words (`tooLarge`, such as how
 * long a comment may be) after "The request is too large.": the error handler's message is
 * the same for every route, so it cannot say what is too large.
 */
export function jsonBody({ tooLarge, ...options }: JsonOptions & { tooLarge: string }): RequestHandler {
  const parse = express.json(options);
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      const large = (error as { type?: unknown } | undefined)?.type === 'entity.too.large';
      next(large ? new HttpError(413, 'too_large', `The request is too large. ${tooLarge}`) : error);
    });
}
