import cors from 'cors';
import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';
import { ownOrigin } from './own-origin.js';

/**
 * CORS for the public API: pages on the configured origins (and the server's own) may call
 * it; a request from any other page is refused with a 403 that says why, so a feedback
 * form on an unlisted site fails visibly instead of silently.
 */
export function publicApiCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin !== undefined && !allowed.has(origin) && origin !== ownOrigin(req)) {
      next(
        new HttpError(
          403,
          'origin_not_allowed',
          `Pages on ${origin} may not send feedback to this server. Its administrator can add the origin to SUORA_ALLOWED_ORIGINS.`,
        ),
      );
      return;
    }
    corsForAllowed(req, res, next);
  };
}

const corsForAllowed = cors({
  origin: true,
  methods: ['GET', 'POST', 'PATCH'],
  allowedHeaders: ['Content-Type'],
  credentials: false,
  maxAge: 600,
});
