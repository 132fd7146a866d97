import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';

/** The route label of a request no route answered: static files, unknown paths. */
const NO_ROUTE = '(other)';

/**
 * One log line for each request once it is answered (or the client gives up): its id,
 * method, route pattern, status and time taken, and the same counted into `metrics`. Never
 * the URL: a path holds ids and tokens, a query search words. The id is sent back in
 * `X-Request-Id`, and the request's other log lines (an error's) carry it too.
 */
export function requestLog(log: Logger, metrics: Metrics | undefined): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.locals.log = log.child({ requestId });
    res.setHeader('X-Request-Id', requestId);
    const route = routeRecorder(req);
    let logged = false;
    const answered = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const ms = Math.round(seconds * 10_000) / 10;
      if (res.writableFinished) {
        // Health and readiness probes come every few seconds: their lines only when they say something is wrong.
        const level = res.locals.probe === true && res.statusCode < 400 ? 'debug' : 'info';
        log[level]({ requestId, method: req.method, route: route(), status: res.statusCode, ms }, 'request');
        metrics?.requestAnswered(req.method, route(), res.statusCode, seconds);
      } else {
        log.info({ requestId, method: req.method, route: route(), aborted: true, ms }, 'request aborted by the client');
        metrics?.requestAnswered(req.method, route(), 0, seconds);
      }
    };
    res.once('finish', answered);
    res.once('close', answered);
    next();
  };
}

/**
 * The pattern of the last route the request matched, e.g. `/api/feedback/:id`, read as the
 * router sets `req.route`: only then does `req.baseUrl` hold that route's router's mount path.
 * Once answered (by an error handler mounted elsewhere, or after the routers are done) it holds
 * another path, or none.
 */
function routeRecorder(req: Request): () => string {
  let matched: unknown;
  let pattern = NO_ROUTE;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => matched,
    set(route: { path?: unknown } | undefined) {
      matched = route;
      if (route?.path !== undefined) pattern = `${req.baseUrl ?? ''}${String(route.path)}`;
    },
  });
  return () => pattern;
}

/** The log for what happens while answering this request: its lines carry the request id. */
export function logOf(res: Response): Logger {
  return (res.locals.log as Logger | undefined) ?? silentLogger;
}
