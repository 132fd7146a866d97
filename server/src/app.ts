import express, { type Express } from 'express';
import helmet from 'helmet';
import { DEFAULT_OPEN311_RATE_LIMIT, type TrustProxy } from './config.js';
import { logoOrigins, NO_CITY_IDENTITY, type CityIdentity } from './city-identity.js';
import { DEFAULT_TIME_ZONE } from './domain/city-time.js';
import { apiNotFound, errorHandler } from './http/error-handler.js';
import { publicApiCors } from './http/public-cors.js';
import { loadSession } from './http/session.js';
import { requestLog } from './http/request-log.js';
import { silentLogger, type Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { submissionsCounted } from './observability/observed.js';
import type { Mailer } from './mail/mailer.js';
import type { MailQueue } from './mail/mail-queue.js';
import { mailProblemRoutes } from './routes/mail-problems.js';
import type { PersonalData } from './domain/personal-data-inventory.js';
import type { FeedbackNotifier } from './domain/notifier-port.js';
import { ASSETS_DIR, DEMO_DIR, WIDGET_DIR } from './paths.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { councilRoutes } from './routes/council.js';
import { demoRoutes } from './routes/demo.js';
import { deputyRoutes } from './routes/deputies.js';
import { feedbackRoutes } from './routes/feedback.js';
import { homeRoutes } from './routes/home.js';
import { loginLinkRoutes } from './routes/login-links.js';
import { operationsRoutes } from './routes/operations.js';
import { openApiRoutes } from './routes/openapi.js';
import { pageRoutes } from './routes/pages.js';
import { publicFeedbackRoutes } from './routes/public-feedback.js';
import { open311Routes } from './routes/open311.js';
import { acceptApiKey, apiKeyOf } from './http/api-key.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { replyTemplateRoutes } from './routes/reply-templates.js';
import { smsSurveyRoutes, type SmsOptions } from './routes/sms-surveys.js';
import { ssoRoutes } from './routes/sso.js';
import type { OidcOptions } from './sso/oidc-relying-party.js';
import { staffRoutes } from './routes/staff.js';
import { statusPageRoutes } from './routes/status-page.js';
import { surveyRoutes } from './routes/survey.js';
import { topicsRoutes } from './routes/topics.js';
import { widgetScriptRoutes } from './routes/widget-script.js';
import type { Store } from './domain/store-port.js';

export interface AppOptions {
  /** The origin used in links and snippets, e.g. https://palaute.lahti.fi */
  publicUrl: string;
  /** Origins whose pages may call the public API, besides `publicUrl` and the request's own host. */
  allowedOrigins: readonly string[];
  /** Submissions per IP per minute, or `off`. */
  rateLimit: number | 'off';
  /** Open311 requests per IP per minute without a key, or `off` (default 60). */
  open311RateLimit?: number | 'off' | undefined;
  /** Origins that may show Suora's pages in a frame (CSP frame-ancestors); default none. */
  frameAncestors?: readonly string[] | undefined;
  /** Express `trust proxy`, for a server behind a reverse proxy (checked by readConfig). */
  trustProxy?: TrustProxy | undefined;
  /** Serve the demo pages under /demo/. */
  demo?: boolean;
  widgetDir?: string;
  /** The city's IANA time zone: its days, weeks and months (default Europe/Helsinki; checked by readConfig). */
  timeZone?: string | undefined;
  /** The send queue every mail goes through (sign-in links here; the notifier's mail too). */
  mailer: MailQueue;
  /** Tells officials of new feedback and givers of replies. */
  notifier: FeedbackNotifier;
  /** Access and erasure across every place that holds a person's data. */
  personalData: PersonalData;
  /** Single sign-on through the city's OpenID Connect provider; unset: sign-in links only. */
  oidc?: OidcOptions | undefined;
  /** One JSON line per request, and errors (observability/logger.ts); unset: nothing is logged. */
  log?: Logger | undefined;
  /** The token `GET /metrics` asks for; unset: no metrics are counted or served. */
  metricsToken?: string | undefined;
  /** Where this server's metrics are counted (the store's and the mail's too); default: its requests and submissions only. */
  metrics?: Metrics | undefined;
  /** The city's name, logo and statements on every page (default: Suora's name alone). */
  identity?: CityIdentity | undefined;
  /** SMS surveys after phone calls (`POST /api/sms-surveys`); unset: not offered. */
  sms?: SmsOptions | undefined;
}

/** Builds the HTTP side of Suora. It owns no data: everything goes through `store`. */
export function createApp(store: Store, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const identity = options.identity ?? NO_CITY_IDENTITY;
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const metrics = options.metricsToken ? (options.metrics ?? new Metrics()) : undefined;
  app.use(requestLog(options.log ?? silentLogger, metrics));

  // Over plain http (a local demo) asking browsers to upgrade to https would break every page.
  const https = options.publicUrl.startsWith('https:');
  app.use(
    helmet({
      strictTransportSecurity: https,
      // Strict: our pages run only our own bundles and styles; no inline script or style,
      // no eval. Lit's styles are constructed stylesheets, which style-src does not block.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // The city's logo may be on the city's own site.
          imgSrc: ["'self'", 'data:', ...logoOrigins(identity)],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: options.frameAncestors?.length ? [...options.frameAncestors] : ["'none'"],
          ...(https && { upgradeInsecureRequests: [] }),
        },
      },
    }),
  );
  app.use(operationsRoutes(store, { metrics, metricsToken: options.metricsToken }));
  app.use(widgetScriptRoutes(options.widgetDir ?? WIDGET_DIR));
  app.use(homeRoutes({ publicUrl: options.publicUrl, assetsDir: ASSETS_DIR, demo: options.demo ?? false, identity }));
  if (options.demo) app.use(demoRoutes(store, { publicUrl: options.publicUrl, demoDir: DEMO_DIR, identity, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, smsOutbox: options.sms?.outbox }));

  app.use(
    ['/api/topics', '/api/feedback', '/api/links', '/api/public'],
    publicApiCors([options.publicUrl, ...options.allowedOrigins]),
  );
  app.use(loadSession(store, options.publicUrl));
  const { publicUrl, mailer, personalData } = options;
  const notifier = metrics ? submissionsCounted(options.notifier, metrics) : options.notifier;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  app.use(topicsRoutes(store, { publicUrl: options.publicUrl, identity }));
  app.use(feedbackRoutes(store, { rateLimit: options.rateLimit, publicUrl, notifier, timeZone }));
  app.use(surveyRoutes(store, { publicUrl: options.publicUrl, identity }));
  app.use(statusPageRoutes(store, { timeZone, identity }));
  app.use(publicFeedbackRoutes(store, { timeZone }));
  // Open to anyone under its own limit; a key of scope open311 lifts it (a wrong key is refused).
  app.use(
    open311Routes(store, {
      timeZone,
      rateLimit: options.open311RateLimit ?? DEFAULT_OPEN311_RATE_LIMIT,
      apiKey: acceptApiKey(store, 'open311', timeZone),
      exemptFromLimit: (req) => apiKeyOf(req) !== undefined,
    }),
  );
  app.use(authRoutes(store, { publicUrl, timeZone, identity }));
  app.use(loginLinkRoutes(store, { publicUrl, mailer }));
  app.use(ssoRoutes(store, { publicUrl, oidc: options.oidc, identity }));
  app.use(staffRoutes(store, { publicUrl, timeZone, notifier }));
  app.use(deputyRoutes(store, { publicUrl }));
  app.use(replyTemplateRoutes(store, { publicUrl }));
  app.use(councilRoutes(store, { timeZone }));
  app.use(adminRoutes(store, { publicUrl, mailer, personalData, timeZone }));
  app.use(mailProblemRoutes(store, { publicUrl, queue: mailer }));
  app.use(apiKeyRoutes(store, { publicUrl }));
  if (options.sms) app.use(smsSurveyRoutes(store, { ...options.sms, publicUrl, timeZone }));
  app.use(pageRoutes({ identity }));
  app.use(openApiRoutes({ publicUrl }));

  app.use('/api', apiNotFound);
  app.use(errorHandler);
  return app;
}

