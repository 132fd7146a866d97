// Widget tests in Debian's headless Chromium, against a real Suora server started here.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { readCityIdentity } from './dist/server/src/city-identity.js';
import { createLink } from './dist/server/src/domain/signature-links.js';
import { startTestServer } from './dist/test/helpers/test-server.js';
import { AS_A_PERSON_ARGS, CHROMIUM_ARGS, CHROMIUM_PATH } from './dist/test/helpers/chromium.js';

/** A port nothing listens on once this returns: requests to it fail like a dropped network. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = await freePort();
// The city's privacy notice, per language, which the forms link (the limited server has none).
const privacy = { fi: 'https://www.lahti.example/tietosuoja', sv: 'https://www.lahti.example/sv/dataskydd', en: 'https://www.lahti.example/en/privacy' };
const suora = await startTestServer({ allowedOrigins: [`http://localhost:${port}`], identity: readCityIdentity({ SUORA_PRIVACY_URL: JSON.stringify(privacy) }) });
const deadApi = `http://127.0.0.1:${await freePort()}`;
// A server that takes one submission a minute from an address: the second meets the limit.
const limited = await startTestServer({ allowedOrigins: [`http://localhost:${port}`], rateLimit: 1 });
const { link } = await createLink(suora.store, 'server', { officialId: 'laura', channel: 'email' });

/** Lets browser tests read what the real store holds for a link: did a visit record anything? */
const storeReader = {
  name: 'suora-store',
  async executeCommand({ command, payload }) {
    if (command !== 'link-feedback') return undefined;
    const { items } = await suora.store.queryFeedback({ linkId: payload.linkId });
    return items
      .reverse() // oldest first
      .map(({ id, rating, comment, channel, officialId, serviceAreaId, ref }) => ({ id, rating, comment, channel, officialId, serviceAreaId, ref }));
  },
};

/** Lets browser tests read the widget's sources and the README as written (the served modules have no comments). */
const sourceReader = {
  name: 'suora-source',
  async executeCommand({ command, payload }) {
    if (command !== 'read-source') return undefined;
    if (!/^(widget\/src\/[\w/.-]+\.ts|README\.md)$/.test(payload.path) || payload.path.includes('..')) throw new Error(`Not a source: ${payload.path}`);
    return readFile(new URL(payload.path, import.meta.url), 'utf8');
  },
};

export default {
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  port,
  concurrency: 1,
  // The tests act as a person does, so the page sees a person's browser: without these flags it
  // says it is automated (navigator.webdriver), and the survey refuses such a browser's presses.
  browsers: [chromeLauncher({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...AS_A_PERSON_ARGS], headless: true, ignoreDefaultArgs: ['--enable-automation'] } })],
  plugins: [
    // esbuild does not read tsconfig unless told; es2022 makes it transpile standard decorators.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.widget.json' }),
    { name: 'suora-server', serverStop: () => Promise.all([suora.close(), limited.close()]) },
    storeReader,
    sourceReader,
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="fi">
  <body>
    <script>window.SUORA_TEST = ${JSON.stringify({ api: suora.url, deadApi, limitedApi: limited.url, link: { id: link.id, token: link.token }, privacy })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  testFramework: { config: { timeout: 10000 } },
};
