import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the provider says about a person: claims of the `email` and `profile` scopes. */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Starts answering as an OpenID provider whose one client (Suora) returns to `redirectUri` (one of them). */
  serve(redirectUri: string | string[]): void;
  /** Stops listening and drops open connections: the provider is down. */
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1: PKCE required, `email` and
 * `email_verified` claims. Its sign-in page is a stand-in that a test drives by URL: the
 * interaction URL with `?as=ACCOUNT` signs that account in (and consents), `?cancel` is the
 * person pressing Cancel. It listens at once (`port`: a given one, e.g. to come up later on
 * the address Suora was told); it answers only after `serve`. By the core spec's letter the
 * scope's claims come from the userinfo endpoint only; `claimsInIdToken` puts them in the
 * ID token too, as Entra ID and most providers do.
 */
export async function startOidcProvider(
  accounts: Record<string, ProviderAccount>,
  { port = 0, claimsInIdToken = false }: { port?: number; claimsInIdToken?: boolean } = {},
): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'suora';
  const clientSecret = 'a-test-client-secret-long-enough-for-hs256-0123456789';
  return {
    issuer,
    clientId,
    clientSecret,
    serve(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri].flat(), token_endpoint_auth_method: 'client_secret_post' }],
        findAccount: (_ctx: unknown, id: string) =>
          accounts[id] && { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
        conformIdTokenClaims: !claimsInIdToken,
        pkce: { required: () => true },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
        cookies: { keys: ['test-cookie-key'] },
      });
      const answer = provider.callback();
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.url?.startsWith('/interaction/')) void interact(provider, req, res);
        else answer(req, res);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function interact(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const asked = new URL(req.url!, 'http://provider');
    const { params } = await provider.interactionDetails(req, res);
    const accountId = asked.searchParams.get('as');
    if (asked.searchParams.has('cancel') || !accountId) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person cancelled.' });
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: params.client_id! });
    grant.addOIDCScope(params.scope!);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}
