import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { HttpError } from '../http/http-error.js';
import { StoreUnavailableError, type Store } from '../domain/store-port.js';
import type { Metrics } from '../observability/metrics.js';

export interface OperationsOptions {
  /** What `GET /metrics` tells; with `metricsToken` only. */
  metrics?: Metrics | undefined;
  /** The bearer token Prometheus sends; unset: there is no `/metrics`. */
  metricsToken?: string | undefined;
}

/**
 * For the city's IT: `GET /healthz` (the process answers), `GET /readyz` (the store can take
 * changes now: 503 with the reason otherwise) and `GET /metrics` (Prometheus, behind a token).
 */
export function operationsRoutes(store: Store, options: OperationsOptions): Router {
  const router = Router();
  router.get('/healthz', probe, (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', probe, async (_req, res) => {
    try {
      await store.checkReady();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      res.status(503).set('Retry-After', '5').json({ status: 'unavailable', reason: error.message });
      return;
    }
    res.json({ status: 'ready' });
  });
  const { metrics, metricsToken } = options;
  if (metrics && metricsToken) {
    router.get('/metrics', bearer(metricsToken), async (_req, res) => {
      const { contentType, body } = await metrics.text();
      res.set('Cache-Control', 'no-store').type(contentType).send(body);
    });
  }
  return router;
}

/** Asked every few seconds: never cached, and its request line is logged at debug level (see request-log.ts). */
const probe: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.locals.probe = true;
  next();
};

/** `Authorization: Bearer TOKEN`, compared in constant time (as digests: the lengths differ too). */
function bearer(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const given = /^Bearer +(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="metrics"');
    next(new HttpError(401, 'unauthorized', 'Metrics need the token set in SUORA_METRICS_TOKEN, as Authorization: Bearer TOKEN.'));
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
