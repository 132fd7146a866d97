import * as client from 'openid-client';
import type { OidcSettings } from '../config.js';
import { hashSecret, newSecret } from '../domain/secrets.js';

/** Why a single sign-on did not end in a verified email; each has its own page. */
export type SsoFailureReason = 'cancelled' | 'invalid' | 'unavailable';

export class SsoFailure extends Error {
  constructor(
    readonly reason: SsoFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SsoFailure';
  }
}

export interface OidcOptions extends OidcSettings {
  /** How long to wait for the provider (discovery, token, userinfo) before saying it is down. Default 5 s. */
  timeoutMs?: number | undefined;
}

/** How long a person may take at the provider's sign-in page. */
export const FLOW_TTL_MS = 10 * 60 * 1000;
/** Sign-ins under way at once; beyond it the oldest is forgotten (a flood of /auth/oidc/login costs bounded memory). */
const MAX_PENDING = 10_000;

interface PendingFlow {
  /** Hash of the browser's flow cookie: the response must come back to the browser that started it. */
  browserHash: string;
  codeVerifier: string;
  nonce: string;
  next: string | undefined;
  expiresAt: number;
}

/**
 * Suora as an OpenID Connect relying party (openid-client): the authorization code flow
 * with PKCE (S256), state and nonce. What each sign-in must be checked against is kept
 * here, in memory, by the hash of its state, and used up by the first response that names
 * it: a replayed response, or one for another browser, finds nothing. (Several instances
 * behind one address therefore need the callback to reach the instance that started it.)
 * The provider's metadata is discovered on first use, and again after a failure: a
 * provider that is down when Suora starts does not stop it.
 */
export class OidcRelyingParty {
  readonly #options: OidcOptions;
  readonly #redirectUri: string;
  readonly #pending = new Map<string, PendingFlow>();
  #configuration: Promise<client.Configuration> | undefined;

  constructor(options: OidcOptions, redirectUri: string) {
    this.#options = options;
    this.#redirectUri = redirectUri;
  }

  /**
   * Starts a sign-in: where to send the browser, and the secret binding this browser to it
   * (`browser`, reused when the browser already has one, so two tabs can sign in at once).
   */
  async start(next: string | undefined, browser: string | undefined): Promise<{ url: URL; browser: string }> {
    const config = await this.#config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const binding = browser ?? newSecret() + newSecret();
    this.#remember(state, { browserHash: hashSecret(binding), codeVerifier, nonce, next, expiresAt: Date.now() + FLOW_TTL_MS });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.#redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, browser: binding };
  }

  /**
   * Finishes a sign-in from the provider's response at the callback URL: the email the
   * provider vouches for (or `undefined` if it vouches for none) and where to land.
   * Throws `SsoFailure` for a cancelled, invalid (unknown, used, expired or other
   * browser's state, a wrong nonce, a refused code) or unanswered one.
   */
  async finish(callbackUrl: URL, browser: string | undefined): Promise<{ email: string | undefined; next: string | undefined }> {
    const state = callbackUrl.searchParams.get('state');
    const flow = state ? this.#take(state) : undefined;
    if (callbackUrl.searchParams.get('error') === 'access_denied') throw new SsoFailure('cancelled', 'The person cancelled the sign-in.');
    if (!flow || !browser || flow.browserHash !== hashSecret(browser) || flow.expiresAt < Date.now()) {
      throw new SsoFailure('invalid', 'No sign-in under way in this browser matches this response.');
    }
    const config = await this.#config();
    const tokens = await this.#ask(() =>
      client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: state!,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      }),
    );
    const idToken = tokens.claims()!;
    const { emailClaim } = this.#options;
    // Providers that follow the core spec strictly put scope claims in userinfo only.
    const claims: Record<string, unknown> =
      idToken[emailClaim] === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint
        ? await this.#ask(() => client.fetchUserInfo(config, tokens.access_token, idToken.sub))
        : idToken;
    const value = claims[emailClaim];
    const vouched = emailClaim !== 'email' || claims.email_verified === true;
    return { email: typeof value === 'string' && vouched ? value : undefined, next: flow.next };
  }

  #config(): Promise<client.Configuration> {
    // Metadata that cannot be had, for whatever reason, is the provider not being there.
    this.#configuration ??= this.#ask(() =>
      client.discovery(new URL(this.#options.issuer), this.#options.clientId, this.#options.clientSecret, undefined, {
        timeout: (this.#options.timeoutMs ?? 5000) / 1000,
        // Plain http is accepted only for a provider on this machine (config.ts): tests and the demo.
        execute: new URL(this.#options.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
      }),
    ).catch((error: SsoFailure) => {
      this.#configuration = undefined;
      throw new SsoFailure('unavailable', error.message, { cause: error.cause });
    });
    return this.#configuration;
  }

  /** A call to the provider, its failure classified. */
  async #ask<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw classify(error);
    }
  }

  #remember(state: string, flow: PendingFlow): void {
    const now = Date.now();
    for (const [key, pending] of this.#pending) if (pending.expiresAt < now) this.#pending.delete(key);
    if (this.#pending.size >= MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
    this.#pending.set(hashSecret(state), flow);
  }

  #take(state: string): PendingFlow | undefined {
    const key = hashSecret(state);
    const flow = this.#pending.get(key);
    this.#pending.delete(key);
    return flow;
  }
}

/**
 * A failure to answer (a refused connection: fetch's own TypeError; a timeout; a 5xx) is
 * `unavailable`; anything else the provider said or sent that fails a check is `invalid`.
 */
function classify(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  const status = error instanceof client.ResponseBodyError ? error.status : undefined;
  const timedOut = error instanceof client.ClientError && error.code === 'OAUTH_TIMEOUT';
  if (!(error instanceof Error) || error instanceof TypeError || timedOut || (status !== undefined && status >= 500)) {
    return new SsoFailure('unavailable', 'The identity provider did not answer.', { cause: error });
  }
  return new SsoFailure('invalid', `The provider's response failed a check: ${error.message}`, { cause: error });
}
