// A stand-in for the city's identity provider, for the demo only: a real OpenID Connect
// provider (oidc-provider, a devDependency) on http://localhost:4000 whose sign-in page
// lets you pick a demo person (demo/seed.json) or a stranger, or cancel.
//
//   node scripts/demo-oidc-provider.mjs            # then, in another terminal:
//   SUORA_OIDC_ISSUER=http://localhost:4000 SUORA_OIDC_CLIENT_ID=suora-demo \
//   SUORA_OIDC_CLIENT_SECRET=demo-secret-not-for-production-0123456789 npm run demo
//
// SUORA_PUBLIC_URL (default http://localhost:8080) is where the demo's Suora answers.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const PORT = Number(process.env.DEMO_OIDC_PORT ?? 4000);
const issuer = `http://localhost:${PORT}`;
const suora = process.env.SUORA_PUBLIC_URL ?? 'http://localhost:8080';
const { officials } = JSON.parse(readFileSync(new URL('../demo/seed.json', import.meta.url), 'utf8'));
const people = [
  ...officials.map((o) => ({ id: o.id, name: `${o.name} (${o.role ?? 'official'})`, email: o.email })),
  { id: 'stranger', name: 'Someone with no Suora account', email: 'stranger@example.com' },
];

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'suora-demo',
      client_secret: 'demo-secret-not-for-production-0123456789',
      redirect_uris: [`${suora}/auth/oidc/callback`],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  findAccount: (_ctx, id) => {
    const person = people.find((p) => p.id === id);
    return person && { accountId: id, claims: () => ({ sub: id, email: person.email, email_verified: true }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['demo-only'] },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function interaction(req, res) {
  const { uid, params } = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><meta charset="utf-8">
<title>Demo city sign-in</title><main><h1>Demo city sign-in</h1><p>Sign in to Suora as:</p>
<form method="post" action="/interaction/${uid}">${people
      .map((p) => `<p><button name="as" value="${escape(p.id)}">${escape(p.name)}, ${escape(p.email)}</button></p>`)
      .join('')}<p><button name="cancel" value="1">Cancel</button></p></form></main></html>`);
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  const accountId = form.get('as');
  if (!accountId || !people.some((p) => p.id === accountId)) {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Cancelled.' });
    return;
  }
  const grant = new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: false });
}

const answer = provider.callback();
createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) interaction(req, res).catch((e) => res.writeHead(400).end(String(e.message)));
  else answer(req, res);
}).listen(PORT, 'localhost', () => console.log(`Demo OpenID provider at ${issuer}, for Suora at ${suora}`));
