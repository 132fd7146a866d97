import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { addOfficial, updateOfficial } from '../../server/src/domain/directory.js';
import { startOidcProvider, type ProviderAccount, type TestProvider } from '../helpers/oidc-provider.js';
import { readCityIdentity } from '../../server/src/city-identity.js';
import { asStaff, startTestServer, type TestServer } from '../helpers/test-server.js';

/** A browser's cookies for one site, by hand: name → value, dropped when the site expires them. */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  get header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.trim().split(/=(.*)/s);
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0$/i.test(a));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

/** One GET as a browser makes it, without following redirects. */
async function visit(url: string, jar: CookieJar, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { Cookie: jar.header, ...headers } });
  jar.take(response);
  return response;
}

/** A browser's sign-in through Suora and the provider, by hand. */
function flows(suora: () => TestServer, idp: () => TestProvider) {
  /** Suora's /auth/oidc/login in a browser: the provider's authorization URL it sends the browser to. */
  async function startSignIn(browser: CookieJar, next?: string): Promise<URL> {
    const response = await visit(`${suora().url}/auth/oidc/login${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`, browser);
    assert.equal(response.status, 303);
    return new URL(response.headers.get('location')!);
  }

  /** The person at the provider: signs in as `account` (or cancels); the URL the provider sends them back to. */
  async function atProvider(authorization: URL, account: string | 'cancel'): Promise<string> {
    const jar = new CookieJar();
    const toInteraction = await visit(authorization.href, jar);
    assert.equal(toInteraction.status, 303, await toInteraction.text());
    const interaction = new URL(toInteraction.headers.get('location')!, idp().issuer);
    interaction.searchParams.set(account === 'cancel' ? 'cancel' : 'as', account);
    let location = (await visit(interaction.href, jar)).headers.get('location')!;
    // The provider resumes the authorization, then redirects back to Suora.
    while (!location.startsWith(suora().url)) location = (await visit(new URL(location, idp().issuer).href, jar)).headers.get('location')!;
    return location;
  }

  async function signInAs(account: string, next?: string): Promise<{ response: Response; browser: CookieJar; callback: string }> {
    const browser = new CookieJar();
    const callback = await atProvider(await startSignIn(browser, next), account);
    return { response: await visit(callback, browser, { 'Accept-Language': 'en' }), browser, callback };
  }
  return { startSignIn, atProvider, signInAs };
}

const ACCOUNTS: Record<string, ProviderAccount> = {
  aino: { email: 'aino@example.fi', email_verified: true },
  'aino-shouting': { email: '  AINO@Example.FI ', email_verified: true },
  'aino-unverified': { email: 'aino@example.fi', email_verified: false },
  stranger: { email: 'stranger@example.com', email_verified: true },
  leaver: { email: 'leaver@example.fi', email_verified: true },
  // As Entra ID signs people in: the user principal name, an email that is not marked verified.
  'entra-aino': { preferred_username: 'Aino@example.fi', email: 'aino@example.fi' },
  'entra-stranger': { preferred_username: 'stranger@example.com' },
};

describe('single sign-on with OpenID Connect, against a real provider', () => {
  let provider: TestProvider;
  let server: TestServer;

  before(async () => {
    provider = await startOidcProvider(ACCOUNTS);
    server = await startTestServer({
      oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, emailClaim: 'email' },
      identity: readCityIdentity({ SUORA_CITY_NAME: '{"fi":"Lahden kaupunki","sv":"Lahtis stad","en":"City of Lahti"}', SUORA_PRIVACY_URL: 'https://www.lahti.example/privacy' }),
    });
    provider.serve(`${server.url}/auth/oidc/callback`);
    await addOfficial(server.store, 'server', { id: 'leaver', name: 'Leo Lähtijä', email: 'leaver@example.fi', serviceAreaId: 'vitality' });
    await updateOfficial(server.store, 'server', 'leaver', { active: false, successor: 'aino' });
  });
  after(async () => {
    await server?.close();
    await provider?.close();
  });

  const { startSignIn, atProvider, signInAs } = flows(() => server, () => provider);

  it('says to the signed-out dashboard that single sign-on is offered', async () => {
    assert.deepEqual((await asStaff(server, undefined, 'GET', '/api/sign-in-methods')).json, { emailLink: true, singleSignOn: true });
  });

  it('starts the authorization code flow with PKCE (S256), state and nonce, bound to the browser by an HttpOnly, SameSite=Lax cookie', async () => {
    const browser = new CookieJar();
    const response = await visit(`${server.url}/auth/oidc/login`, browser);
    const url = new URL(response.headers.get('location')!);
    assert.equal(url.origin, provider.issuer);
    for (const name of ['state', 'nonce', 'code_challenge']) assert.match(url.searchParams.get(name) ?? '', /^[A-Za-z0-9_-]{43,}$/, name);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('scope'), 'openid email profile');
    assert.equal(url.searchParams.get('redirect_uri'), `${server.url}/auth/oidc/callback`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('suora_oidc='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/auth\/oidc/);
  });

  it('signs in an active official whose verified email the provider vouches for: a session, /api/me, an audit entry', async () => {
    const { response } = await signInAs('aino');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/dashboard');
    const session = response.headers.getSetCookie().find((c) => c.startsWith('suora_session='))!;
    assert.match(session, /HttpOnly/);
    const me = await asStaff(server, session.split(';')[0], 'GET', '/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.id, 'aino');
    const [entry] = (await server.store.listAuditEntries({ limit: 1 })).items;
    assert.deepEqual([entry!.action, entry!.actorId, entry!.targetId, entry!.detail], ['sign-in', 'aino', 'aino', 'via=oidc']);
  });

  it('matches the email trimmed and case-insensitively, as the directory does', async () => {
    const { response } = await signInAs('aino-shouting');
    assert.equal(response.status, 303);
    const me = await asStaff(server, response.headers.getSetCookie().find((c) => c.startsWith('suora_session='))!.split(';')[0], 'GET', '/api/me');
    assert.equal(me.json.id, 'aino');
  });

  it('lands on the item a notification mail linked to (`next`), and never off the dashboard', async () => {
    const item = await signInAs('aino', '/dashboard#feedback/ABC234DEF5');
    assert.equal(item.response.headers.get('location'), '/dashboard#feedback/ABC234DEF5');
    for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/dashboardx', ' /dashboard', '/dashboard\r\nSet-Cookie: x=1']) {
      const { response } = await signInAs('aino', next);
      assert.equal(response.status, 303, next);
      assert.equal(response.headers.get('location'), '/dashboard', next);
    }
  });

  async function assertRefused(response: Response, status: number, heading: RegExp): Promise<string> {
    assert.equal(response.status, status);
    assert.equal(response.headers.getSetCookie().filter((c) => c.startsWith('suora_session=')).length, 0, 'no session');
    const page = await response.text();
    assert.match(page, heading);
    assert.match(page, /<html lang="en">/);
    assert.match(page, /<a href="\/dashboard">Back to the dashboard<\/a>/);
    assert.match(page, /<link rel="stylesheet" href="\/assets\/page.css">/);
    // The city's page, in the reader's language.
    assert.match(page, /<title>[^<]+ – City of Lahti<\/title>[\s\S]*<span class="city-name">City of Lahti<\/span>/);
    assert.match(page, /<footer class="city-footer">[\s\S]*<a href="https:\/\/www.lahti.example\/privacy">Privacy notice<\/a>/);
    return page;
  }

  it('gives a person the provider knows but Suora does not a page that says only that there is no Suora account for this sign-in', async () => {
    const stranger = await assertRefused((await signInAs('stranger')).response, 403, /<h1>No Suora account for this sign-in<\/h1>/);
    assert.match(stranger, /ask your admin/);
    // An inactive official's page is the same page, word for word: it does not tell staff from strangers.
    assert.equal(await assertRefused((await signInAs('leaver')).response, 403, /No Suora account/), stranger);
  });

  it('takes the email claim only when email_verified is true', async () => {
    await assertRefused((await signInAs('aino-unverified')).response, 403, /No Suora account for this sign-in/);
  });

  it('answers in the reader’s language', async () => {
    const browser = new CookieJar();
    const callback = await atProvider(await startSignIn(browser), 'stranger');
    const page = await (await visit(callback, browser, { 'Accept-Language': 'sv-FI,sv;q=0.9' })).text();
    assert.match(page, /<html lang="sv">/);
    assert.match(page, /Inget Suora-konto för den här inloggningen/);
  });

  it('refuses a response whose ID token carries another nonce', async () => {
    const browser = new CookieJar();
    const authorization = await startSignIn(browser);
    const other = await startSignIn(new CookieJar());
    authorization.searchParams.set('nonce', other.searchParams.get('nonce')!);
    const callback = await atProvider(authorization, 'aino');
    await assertRefused(await visit(callback, browser, { 'Accept-Language': 'en' }), 400, /<h1>The sign-in could not be completed<\/h1>/);
  });

  it('refuses a response brought back to another browser than the one that started it (a swapped state)', async () => {
    const victim = new CookieJar();
    await startSignIn(victim);
    const attacker = new CookieJar();
    const callback = await atProvider(await startSignIn(attacker), 'aino');
    await assertRefused(await visit(callback, victim, { 'Accept-Language': 'en' }), 400, /could not be completed/);
    await assertRefused(await visit(callback, new CookieJar(), { 'Accept-Language': 'en' }), 400, /could not be completed/);
  });

  it('uses a state once: the same callback URL a second time is refused', async () => {
    const { response, browser, callback } = await signInAs('aino');
    assert.equal(response.status, 303);
    await assertRefused(await visit(callback, browser, { 'Accept-Language': 'en' }), 400, /could not be completed/);
    // A state is used up by its first response even when that one was refused before the
    // code was redeemed: a second try with the same (still unredeemed) code fails on the state.
    const owner = new CookieJar();
    const unredeemed = await atProvider(await startSignIn(owner), 'aino');
    await assertRefused(await visit(unredeemed, new CookieJar(), { 'Accept-Language': 'en' }), 400, /could not be completed/);
    await assertRefused(await visit(unredeemed, owner, { 'Accept-Language': 'en' }), 400, /could not be completed/);
  });

  it('refuses a callback with a state it never issued, or none', async () => {
    const browser = new CookieJar();
    await startSignIn(browser);
    await assertRefused(await visit(`${server.url}/auth/oidc/callback?code=x&state=madeup`, browser, { 'Accept-Language': 'en' }), 400, /could not be completed/);
    await assertRefused(await visit(`${server.url}/auth/oidc/callback`, browser, { 'Accept-Language': 'en' }), 400, /could not be completed/);
  });

  it('says so when the person cancels at the provider', async () => {
    const browser = new CookieJar();
    const callback = await atProvider(await startSignIn(browser), 'cancel');
    assert.match(callback, /error=access_denied/);
    await assertRefused(await visit(callback, browser, { 'Accept-Language': 'en' }), 200, /<h1>Sign-in cancelled<\/h1>/);
  });
});

describe('single sign-on with a provider like Entra ID: claims in the ID token, no email_verified', () => {
  let provider: TestProvider;
  const servers: Record<'byEmail' | 'byUsername', TestServer> = {} as never;

  before(async () => {
    provider = await startOidcProvider(ACCOUNTS, { claimsInIdToken: true });
    const oidc = (emailClaim: string) => ({ issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, emailClaim });
    servers.byEmail = await startTestServer({ oidc: oidc('email') });
    // Both Suora servers behind one client: it may return to either.
    servers.byUsername = await startTestServer({ oidc: oidc('preferred_username') });
    provider.serve([`${servers.byEmail.url}/auth/oidc/callback`, `${servers.byUsername.url}/auth/oidc/callback`]);
  });
  after(async () => {
    for (const server of Object.values(servers)) await server.close();
    await provider?.close();
  });

  it('with the default claim, refuses an email the provider does not say it verified', async () => {
    const { signInAs } = flows(() => servers.byEmail, () => provider);
    assert.equal((await signInAs('entra-aino')).response.status, 403);
    assert.equal((await signInAs('aino')).response.status, 303, 'a verified email in the ID token itself signs in');
  });

  it('with SUORA_OIDC_EMAIL_CLAIM=preferred_username, signs in by the name the city’s directory gives, and refuses a stranger', async () => {
    const { signInAs } = flows(() => servers.byUsername, () => provider);
    const { response } = await signInAs('entra-aino');
    assert.equal(response.status, 303);
    const me = await asStaff(servers.byUsername, response.headers.getSetCookie().find((c) => c.startsWith('suora_session='))!.split(';')[0], 'GET', '/api/me');
    assert.equal(me.json.id, 'aino');
    assert.equal((await signInAs('entra-stranger')).response.status, 403);
  });
});

/** A port nothing listens on yet. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('single sign-on when the provider is down', () => {
  const settings = (issuer: string) => ({ issuer, clientId: 'suora', clientSecret: 'unused', emailClaim: 'email', timeoutMs: 500 });

  // The test's own limit only catches a hang: the server's timeout here is half a second.
  it('answers a page, not a hang, when the provider accepts connections but never answers (a timeout)', { timeout: 4_000 }, async () => {
    const silent = createHttpServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const server = await startTestServer({ oidc: settings(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`) });
    try {
      const response = await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual', headers: { 'Accept-Language': 'fi' } });
      assert.equal(response.status, 503);
      assert.match(await response.text(), /<h1>Kaupungin kirjautumispalvelu ei vastaa<\/h1>/);
    } finally {
      await server.close();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('starts without the provider and finds it once it is up (discovery on first use, again after a failure)', async () => {
    const port = await freePort();
    const server = await startTestServer({ oidc: { ...settings(`http://127.0.0.1:${port}`), clientSecret: 'later' } });
    let provider: TestProvider | undefined;
    try {
      assert.equal((await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' })).status, 503);
      provider = await startOidcProvider(ACCOUNTS, { port });
      provider.serve(`${server.url}/auth/oidc/callback`);
      const response = await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' });
      assert.equal(response.status, 303);
      assert.equal(new URL(response.headers.get('location')!).origin, provider.issuer);
    } finally {
      await server.close();
      await provider?.close();
    }
  });

  it('answers a page when the provider goes down between the sign-in and the callback (the token request fails)', async () => {
    const provider = await startOidcProvider(ACCOUNTS);
    const server = await startTestServer({ oidc: { ...settings(provider.issuer), clientSecret: provider.clientSecret } });
    try {
      provider.serve(`${server.url}/auth/oidc/callback`);
      const browser = new CookieJar();
      const login = await visit(`${server.url}/auth/oidc/login`, browser);
      const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
      await provider.close();
      const response = await visit(`${server.url}/auth/oidc/callback?code=some-code&state=${state}&iss=${encodeURIComponent(provider.issuer)}`, browser, {
        'Accept-Language': 'en',
      });
      assert.equal(response.status, 503);
      assert.match(await response.text(), /The city’s sign-in service is not answering/);
    } finally {
      await server.close();
    }
  });

  it('offers no single sign-on when it is not configured', async () => {
    const server = await startTestServer();
    try {
      assert.deepEqual((await asStaff(server, undefined, 'GET', '/api/sign-in-methods')).json, { emailLink: true, singleSignOn: false });
      assert.equal((await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' })).status, 404);
    } finally {
      await server.close();
    }
  });
});
