import { Router, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Locale } from '../../../contract/api.js';
import { open311Request, open311Requests, open311RequestsById, open311Services } from '../domain/open311.js';
import type { Store } from '../domain/store-port.js';
import { errorHandlerAnswering, fullPath } from '../http/error-handler.js';
import { HttpError } from '../http/http-error.js';
import { formatOfPath, open311LocaleOf, requestIdsOf, requestsQueryOf } from '../http/open311-query.js';
import { xmlDocument, type XmlValue } from '../http/open311-xml.js';

export interface Open311RoutesOptions {
  /** The city's zone: dates are written with its offset, and a date alone is its day. */
  timeZone: string;
  /** Requests per IP address per minute, or `off`. */
  rateLimit: number | 'off';
  /** Checks a key a request may carry (a bad one is refused, not limited); before the limit. */
  apiKey?: RequestHandler;
  /** Whether a request goes past the rate limit; unset: none does. */
  exemptFromLimit?: (req: Request) => boolean | Promise<boolean>;
}

const ROOT = '/open311';
const BASE = `${ROOT}/v2`;

/**
 * Open311 GeoReport v2, read-only, open to anyone under a rate limit of its own:
 * `services`, `requests` and `requests/:id`, each `.json` or `.xml`. Errors in the spec's
 * shape (`[{ code, description }]`, or `<errors>`) in the format the path asked for.
 */
export function open311Routes(store: Store, options: Open311RoutesOptions): Router {
  const router = Router();
  const { timeZone } = options;
  router.use(BASE, publicData);
  router.param('format', (_req, _res, next, format) => next(format === 'json' || format === 'xml' ? undefined : new HttpError(404, 'not_found', 'The format is json or xml, e.g. requests.json.')));
  if (options.apiKey) router.use(BASE, options.apiKey);
  if (options.rateLimit !== 'off') router.use(BASE, perAddressLimit(options.rateLimit, options.exemptFromLimit));

  router.get(`${BASE}/services.:format`, async (req, res) => {
    const locale = open311LocaleOf(req);
    send(req, res, locale, 'services', 'service', await open311Services(store, locale));
  });
  router.get(`${BASE}/requests.:format`, async (req, res) => {
    const locale = open311LocaleOf(req);
    const ids = requestIdsOf(req);
    if (ids) return send(req, res, locale, 'service_requests', 'request', await open311RequestsById(store, ids, locale, timeZone));
    const query = requestsQueryOf(req, timeZone);
    const { requests, total } = await open311Requests(store, query, locale, timeZone);
    res.set('X-Total-Count', String(total));
    if (query.page * query.pageSize < total) res.set('Link', `<${pageUrl(req, query.page + 1)}>; rel="next"`);
    send(req, res, locale, 'service_requests', 'request', requests);
  });
  router.get(`${BASE}/requests/:id.:format`, async (req, res) => {
    const locale = open311LocaleOf(req);
    send(req, res, locale, 'service_requests', 'request', [await open311Request(store, String(req.params.id), locale, timeZone)]);
  });

  // Any other path under /open311 (a client looking for discovery.json, say) hears so in Open311's shape.
  router.use(ROOT, (req, _res, next) => next(new HttpError(404, 'not_found', `There is no ${req.method} ${fullPath(req)} here.`)));
  router.use(ROOT, errorHandlerAnswering((req, res, status, answer) => sendRecords(req, res, status, 'errors', 'error', [{ code: status, description: answer.message }])));
  return router;
}

/** Published data, the same for everyone and read-only: any site's page may read it (`*` lets no cookie count). */
const publicData: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.set('Allow', 'GET, HEAD');
    return next(new HttpError(405, 'method_not_allowed', 'Open311 here is read-only: GET only.'));
  }
  res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'X-Total-Count, Link' });
  next();
};

function send(req: Request, res: Response, locale: Locale, root: string, item: string, records: readonly object[]): void {
  res.set({ 'Content-Language': locale, Vary: 'Accept-Language', 'Cache-Control': 'public, max-age=30' });
  sendRecords(req, res, 200, root, item, records);
}

function sendRecords(req: Request, res: Response, status: number, root: string, item: string, records: readonly object[]): void {
  res.status(status);
  if (formatOfPath(req.path) === 'json') res.json(records);
  else res.type('text/xml; charset=utf-8').send(xmlDocument(root, item, records as Record<string, XmlValue>[]));
}

/** This request's URL with `page` set: the next page, as a relative reference. */
function pageUrl(req: Request, page: number): string {
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.set('page', String(page));
  return url.pathname + url.search;
}

/** At most `limit` requests a minute per client address (held in memory), except those `exempt` lets through. */
function perAddressLimit(limit: number, exempt: Open311RoutesOptions['exemptFromLimit']): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: { xForwardedForHeader: false },
    ...(exempt && { skip: exempt }),
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;
      res.set('Retry-After', String(reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60));
      next(new HttpError(429, 'too_many_requests', 'Too many Open311 requests from this network. Please wait a minute, or ask the city for an API key.'));
    },
  });
}
