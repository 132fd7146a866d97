import express, { type Express } from 'express';
import helmet from 'helmet';
import type { TrustProxy } from './config.js';
import { DEFAULT_TIME_ZONE } from './domain/city-time.js';
import { apiNotFound, errorHandler } from './http/error-handler.js';
import { publicApiCors } from './http/public-cors.js';
import { loadSession } from './http/session.js';
import type { Mailer } from './mail/mailer.js';
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
import { pageRoutes } from './routes/pages.js';
import { publicFeedbackRoutes } from './routes/public-feedback.js';
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
  /** Origins that may show Suora's pages in a frame (CSP frame-ancestors); default none. */
  frameAncestors?: readonly string[] | undefined;
  /** Express `trust proxy`, for a server behind a reverse proxy (checked by readConfig). */
  trustProxy?: TrustProxy | undefined;
  /** Serve the demo pages under /demo/. */
  demo?: boolean;
  widgetDir?: string;
  /** The city's IANA time zone: its days, weeks and months (default Europe/Helsinki; checked by readConfig). */
  timeZone?: string | undefined;
  /** Where sign-in links go. */
  mailer: Mailer;
  /** Tells officials of new feedback and givers of replies. */
  notifier: FeedbackNotifier;
  /** Access and erasure across every place that holds a person's data. */
  personalData: PersonalData;
  /** Single sign-on through the city's OpenID Connect provider; unset: sign-in links only. */
  oidc?: OidcOptions | undefined;
  /** SMS surveys after phone calls (`POST /api/sms-surveys`); unset: not offered. */
  sms?: SmsOptions | undefined;
}

/** Builds the HTTP side of Suora. It owns no data: everything goes through `store`. */
export function createApp(store: Store, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);

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
          imgSrc: ["'self'", 'data:'],
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
  app.use(widgetScriptRoutes(options.widgetDir ?? WIDGET_DIR));
  app.use(homeRoutes({ publicUrl: options.publicUrl, assetsDir: ASSETS_DIR, demo: options.demo ?? false }));
  if (options.demo) app.use(demoRoutes(store, { publicUrl: options.publicUrl, demoDir: DEMO_DIR, smsOutbox: options.sms?.outbox }));

  app.use(
    ['/api/topics', '/api/feedback', '/api/links', '/api/public'],
    publicApiCors([options.publicUrl, ...options.allowedOrigins]),
  );
  app.use(loadSession(store, options.publicUrl));
  const { publicUrl, mailer, notifier, personalData } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  app.use(topicsRoutes(store));
  app.use(feedbackRoutes(store, { rateLimit: options.rateLimit, publicUrl, notifier, timeZone }));
  app.use(surveyRoutes(store));
  app.use(statusPageRoutes(store, { timeZone }));
  app.use(publicFeedbackRoutes(store, { timeZone }));
  app.use(authRoutes(store, { publicUrl, timeZone }));
  app.use(loginLinkRoutes(store, { publicUrl, mailer }));
  app.use(ssoRoutes(store, { publicUrl, oidc: options.oidc }));
  app.use(staffRoutes(store, { publicUrl, timeZone, notifier }));
  app.use(deputyRoutes(store, { publicUrl }));
  app.use(replyTemplateRoutes(store, { publicUrl }));
  app.use(councilRoutes(store, { timeZone }));
  app.use(adminRoutes(store, { publicUrl, mailer, personalData, timeZone }));
  if (options.sms) app.use(smsSurveyRoutes(store, { ...options.sms, publicUrl }));
  app.use(pageRoutes());

  app.use('/api', apiNotFound);
  app.use(errorHandler);
  return app;
}

