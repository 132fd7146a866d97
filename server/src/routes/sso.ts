import { Router, type Request, type Response } from 'express';
import { SESSION_TTL_MS, signInByVerifiedEmail } from '../domain/auth.js';
import type { CityIdentity } from '../city-identity.js';
import type { Store } from '../domain/store-port.js';
import { dashboardPath } from '../http/dashboard-path.js';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';
import { logOf } from '../http/request-log.js';
import { preferredLocale } from '../http/preferred-locale.js';
import { setSessionCookie } from '../http/session.js';
import { FLOW_TTL_MS, OidcRelyingParty, SsoFailure, type OidcOptions, type SsoFailureReason } from '../sso/oidc-relying-party.js';
import { TEXTS, type ServerTexts } from '../texts/index.js';

/** The browser's tie to its sign-ins under way: only the callback needs it. */
const FLOW_COOKIE = 'suora_oidc';
const FLOW_PATH = '/auth/oidc';

/**
 * Single sign-on through the city's OpenID Connect provider (when configured), and
 * `GET /api/sign-in-methods`, which tells the signed-out dashboard whether to offer it.
 */
export function ssoRoutes(store: Store, options: { publicUrl: string; oidc?: OidcOptions | undefined; identity: CityIdentity }): Router {
  const router = Router();
  router.get('/api/sign-in-methods', (_req, res) => {
    res.json({ emailLink: true, singleSignOn: options.oidc !== undefined });
  });
  if (!options.oidc) return router;

  const secure = options.publicUrl.startsWith('https:');
  const party = new OidcRelyingParty(options.oidc, `${options.publicUrl}${FLOW_PATH}/callback`);
  const flowCookie = { httpOnly: true, sameSite: 'lax', secure, path: FLOW_PATH } as const;

  router.get(`${FLOW_PATH}/login`, async (req, res) => {
    try {
      const { url, browser } = await party.start(dashboardPath(req.query.next), flowBrowser(req));
      res.cookie(FLOW_COOKIE, browser, { ...flowCookie, maxAge: FLOW_TTL_MS });
      res.set('Cache-Control', 'no-store').redirect(303, url.href);
    } catch (error) {
      failurePage(options.identity, req, res, error);
    }
  });

  router.get(`${FLOW_PATH}/callback`, async (req, res) => {
    try {
      const { email, next } = await party.finish(new URL(req.originalUrl, options.publicUrl), flowBrowser(req));
      const signedIn = email === undefined ? undefined : await signInByVerifiedEmail(store, email);
      if (!signedIn) {
        page(options.identity, req, res, 403, (t) => [t.sso.noAccount, t.sso.noAccountHelp]);
        return;
      }
      setSessionCookie(res, signedIn.sessionSecret, secure, SESSION_TTL_MS);
      res.set('Cache-Control', 'no-store').redirect(303, next ?? '/dashboard');
    } catch (error) {
      failurePage(options.identity, req, res, error);
    }
  });
  return router;
}

/** The flow cookie's value, if it looks like one of ours. */
function flowBrowser(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, value = ''] = part.trim().split('=');
    if (name === FLOW_COOKIE && /^[A-Za-z0-9_-]{1,128}$/.test(value)) return value;
  }
  return undefined;
}

const FAILURES: Record<SsoFailureReason, { status: number; text: (t: ServerTexts) => [string, string] }> = {
  cancelled: { status: 200, text: (t) => [t.sso.cancelled, t.sso.cancelledHelp] },
  invalid: { status: 400, text: (t) => [t.sso.invalid, t.sso.invalidHelp] },
  unavailable: { status: 503, text: (t) => [t.sso.unavailable, t.sso.unavailableHelp] },
};

function failurePage(identity: CityIdentity, req: Request, res: Response, error: unknown): void {
  if (!(error instanceof SsoFailure)) throw error;
  // The reason, for whoever runs the server; no personal data is in it.
  logOf(res).warn({ reason: error.reason, err: error }, 'single sign-on failed');
  const failure = FAILURES[error.reason];
  if (error.reason === 'unavailable') res.set('Retry-After', '30');
  page(identity, req, res, failure.status, failure.text);
}

/** A page in the reader's language, styled as the sign-in page, with the way back. */
function page(identity: CityIdentity, req: Request, res: Response, status: number, text: (t: ServerTexts) => [string, string]): void {
  const locale = preferredLocale(req);
  const t = TEXTS[locale];
  const [heading, help] = text(t);
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      renderPage({
        identity,
        lang: locale,
        title: heading,
        noindex: true,
        body: html`<h1>${heading}</h1>
<p>${help}</p>
<p><a href="/dashboard">${t.sso.back}</a></p>`,
      }),
    );
}
