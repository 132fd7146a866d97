import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';

/** Requests that carry a body must send it as JSON. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) next();
  else next(new HttpError(415, 'json_required', 'Send the request body as JSON (Content-Type: application/json).'));
};
