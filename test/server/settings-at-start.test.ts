import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readConfig } from '../../server/src/config.js';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { BIN } from '../helpers/suora-process.js';

const SECRET = 's3cret';
const SSO = { SUORA_OIDC_ISSUER: 'https://login.example.fi/tenant/v2.0', SUORA_OIDC_CLIENT_ID: 'suora', SUORA_OIDC_CLIENT_SECRET: SECRET };
/** Replaced by a path to a plain file, made by the test. */
const A_FILE = '<a file>';

interface BadValue {
  value: string;
  /** The one line start-up must print. */
  says: RegExp;
  /** Other variables set with it (a combination). */
  with?: Record<string, string>;
  /** Found only when the store opens (not by readConfig): always tried through `suora start`. */
  atOpen?: true;
}

/**
 * Every variable of the README's configuration table, each with values that must stop
 * `suora start`, and what it must then say. A variable added to the README or to
 * readConfig without a row here fails the first test.
 */
const BAD_VALUES: Record<string, BadValue[]> = {
  PORT: [
    { value: '99999', says: /^PORT must be a port number from 0 to 65535, not "99999"\.$/ },
    { value: 'http', says: /^PORT must be a port number/ },
  ],
  SUORA_DATA_DIR: [{ value: A_FILE, says: /^SUORA_DATA_DIR must be a directory Suora can create and write; .* is not \(EEXIST/, atOpen: true }],
  DATABASE_URL: [
    { value: `mysql://suora:${SECRET}@db/suora`, says: /^DATABASE_URL must be a PostgreSQL URL such as postgres:\/\// },
    { value: `postgres://suora:${SECRET}%@db.example.fi/suora`, says: /^DATABASE_URL's user name or password must be percent-encoded: write % as %25/ },
    { value: 'postgres://db.example.fi/suora?sslmode=on', says: /^DATABASE_URL's sslmode must be one of disable, prefer, require/ },
    { value: `postgres://suora:${SECRET}@127.0.0.1:1/suora`, says: /^DATABASE_URL: PostgreSQL at 127\.0\.0\.1:1\/suora cannot be used: connect ECONNREFUSED/, atOpen: true },
  ],
  SUORA_PUBLIC_URL: [
    { value: 'ftp://palaute.lahti.fi', says: /^SUORA_PUBLIC_URL must be an http\(s\) origin such as https:\/\/palaute\.example\.fi \(no path\), not "ftp:/ },
    { value: 'palaute.lahti.fi', says: /^SUORA_PUBLIC_URL must be an http\(s\) origin/ },
  ],
  SUORA_ALLOWED_ORIGINS: [{ value: 'https://www.lahti.fi,*', says: /^SUORA_ALLOWED_ORIGINS must be an http\(s\) origin .* not "\*"\.$/ }],
  SUORA_RATE_LIMIT: [
    { value: 'banana', says: /^SUORA_RATE_LIMIT must be a whole number of submissions per minute, or "off", not "banana"\.$/ },
    { value: '-1', says: /^SUORA_RATE_LIMIT must be a whole number/ },
  ],
  SUORA_TRUST_PROXY: [
    { value: 'true', says: /^SUORA_TRUST_PROXY=true would let any client choose its own address/ },
    { value: 'nginx', says: /^SUORA_TRUST_PROXY: "nginx" is not a proxy address/ },
  ],
  SMTP_URL: [
    { value: 'smtp.example.fi:587', says: /^SMTP_URL must be an SMTP server URL such as smtps:\/\// },
    { value: `smtps://suora:50%${SECRET}@smtp.example.fi`, says: /^SMTP_URL's user name or password must be percent-encoded/ },
  ],
  SUORA_MAIL_FROM: [{ value: 'Suora', says: /^SUORA_MAIL_FROM must be an email address, optionally with a name/ }],
  SUORA_RETENTION_DAYS: [
    { value: '-5', says: /^SUORA_RETENTION_DAYS must be a whole number of days from 1 to 36500, not "-5"\.$/ },
    { value: '99999999', says: /^SUORA_RETENTION_DAYS must be a whole number of days from 1 to 36500/ },
  ],
  SUORA_OUTBOX_RETENTION_DAYS: [{ value: '0', says: /^SUORA_OUTBOX_RETENTION_DAYS must be a whole number of days from 1 to 36500/ }],
  SUORA_LOG_LEVEL: [{ value: 'loud', says: /^SUORA_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "loud"\.$/ }],
  SUORA_METRICS_TOKEN: [{ value: 'short', says: /^SUORA_METRICS_TOKEN must be at least 24 characters without spaces/ }],
  SUORA_CITY_NAME: [{ value: '{"fi":"Lahden kaupunki"}', says: /^SUORA_CITY_NAME needs a value in every language \(fi, sv, en\); sv and en missing\.$/ }],
  SUORA_LOGO_URL: [{ value: 'http://cdn.lahti.fi/logo.svg', says: /^SUORA_LOGO_URL must be an https URL such as https:\/\/www\.example\.fi\/logo\.svg/ }],
  SUORA_PRIVACY_URL: [{ value: 'mailto:tietosuoja@lahti.fi', says: /^SUORA_PRIVACY_URL must be an http\(s\) URL/ }],
  SUORA_ACCESSIBILITY_URL: [{ value: 'javascript:alert(1)', says: /^SUORA_ACCESSIBILITY_URL must be an http\(s\) URL/ }],
  SMS_URL: [{ value: `http://suora:${SECRET}@sms.example.fi`, says: /^SMS_URL must be an SMPP gateway URL such as smpp:\/\// }],
  SUORA_SMS_RATE_LIMIT: [{ value: 'many', says: /^SUORA_SMS_RATE_LIMIT must be a whole number of SMS survey requests per minute, or "off", not "many"\.$/ }],
  SUORA_SMS_QUIET_DAYS: [{ value: 'month', says: /^SUORA_SMS_QUIET_DAYS must be a whole number of days from 1 to 36500, not "month"\.$/ }],
  SUORA_OPEN311_RATE_LIMIT: [{ value: 'lots', says: /^SUORA_OPEN311_RATE_LIMIT must be a whole number of requests per minute, or "off", not "lots"\.$/ }],
  SUORA_TIME_ZONE: [
    { value: 'Europe/Lahti', says: /^SUORA_TIME_ZONE must be an IANA time zone name such as Europe\/Helsinki, not "Europe\/Lahti"\.$/ },
    { value: '+03:00', says: /^SUORA_TIME_ZONE must be an IANA time zone name/ },
  ],
  SUORA_OIDC_ISSUER: [
    { value: SSO.SUORA_OIDC_ISSUER, says: /^Single sign-on needs SUORA_OIDC_ISSUER, SUORA_OIDC_CLIENT_ID, SUORA_OIDC_CLIENT_SECRET all set; SUORA_OIDC_CLIENT_ID and SUORA_OIDC_CLIENT_SECRET missing\.$/ },
    { value: 'http://login.example.fi', with: SSO, says: /^SUORA_OIDC_ISSUER must be the provider's https issuer URL/ },
  ],
  SUORA_OIDC_CLIENT_ID: [{ value: 'suora', says: /^Single sign-on needs .* all set; SUORA_OIDC_ISSUER and SUORA_OIDC_CLIENT_SECRET missing\.$/ }],
  SUORA_OIDC_CLIENT_SECRET: [{ value: SECRET, says: /^Single sign-on needs .* all set; SUORA_OIDC_ISSUER and SUORA_OIDC_CLIENT_ID missing\.$/ }],
  SUORA_OIDC_EMAIL_CLAIM: [
    { value: 'email', says: /^SUORA_OIDC_EMAIL_CLAIM needs single sign-on: set SUORA_OIDC_ISSUER, SUORA_OIDC_CLIENT_ID and SUORA_OIDC_CLIENT_SECRET too\.$/ },
    { value: 'e mail', with: SSO, says: /^SUORA_OIDC_EMAIL_CLAIM must be a claim name such as email or preferred_username/ },
  ],
  SUORA_FRAME_ANCESTORS: [{ value: '*.lahti.fi', says: /^SUORA_FRAME_ANCESTORS must be an http\(s\) origin/ }],
};

/** The variables the README's configuration table lists. */
function readmeVariables(): string[] {
  const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Configuration'), readme.indexOf('\n### ', readme.indexOf('### Configuration') + 1));
  return [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
}

/** The variables readConfig reads, found by watching it read an environment. */
function variablesRead(): string[] {
  const read = new Set<string>();
  const watched = new Proxy({} as NodeJS.ProcessEnv, { get: (_t, name) => (typeof name === 'string' && read.add(name), undefined) });
  readConfig(watched);
  return [...read];
}

/** `suora start` with `env` only (and a fresh data directory): how it ended, or that it started. */
async function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'start', '--json'], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
    if (stdout.includes('\n')) child.kill('SIGTERM'); // it started: the value was taken
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

describe('every setting is checked when `suora start` starts', () => {
  let root: string;
  let aFile: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'suora-settings-'));
    aFile = path.join(root, 'not-a-directory');
    await writeFile(aFile, '');
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('has bad values to try for every variable the README lists, which are the variables Suora reads', () => {
    assert.deepEqual(Object.keys(BAD_VALUES).sort(), readmeVariables().sort());
    assert.deepEqual(variablesRead().sort(), readmeVariables().sort());
  });

  it('stops with exit code 1 and one line naming the variable and what it takes, never a stack trace or a password', async () => {
    // Through the real process: each variable's first bad value, and those only opening the store finds.
    // A few at a time: each is a Node process loading the whole server.
    const cases = Object.entries(BAD_VALUES)
      .flatMap(([variable, bad]) => bad.filter((b, i) => i === 0 || b.atOpen).map((b) => ({ variable, ...b, value: b.value === A_FILE ? aFile : b.value })))
      .map((c, i) => ({ ...c, dataDir: path.join(root, `data-${i}`) }));
    const results: { name: string; code: number | null; stdout: string; stderr: string; says: RegExp }[] = [];
    for (let i = 0; i < cases.length; i += 6) {
      results.push(
        ...(await Promise.all(
          cases.slice(i, i + 6).map(async ({ variable, value, says, with: others, dataDir }) => ({
            name: `${variable}=${value}`,
            says,
            ...(await start({ SUORA_DATA_DIR: dataDir, PORT: '0', ...others, [variable]: value })),
          })),
        )),
      );
    }
    for (const { name, code, stdout, stderr, says } of results) {
      assert.equal(stdout, '', `${name} must not start the server`);
      assert.equal(code, 1, `${name}: exit code`);
      const lines = stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `${name}: one line, not\n${stderr}`);
      assert.match(lines[0]!, says, name);
      assert.ok(!stderr.includes(SECRET), `${name}: the password is not repeated`);
    }
  });

  it('refuses the other bad values with the same message, found by the same check (readConfig) the command runs first', () => {
    for (const [variable, bad] of Object.entries(BAD_VALUES)) {
      for (const { value, says, with: others } of bad.filter((b) => !b.atOpen)) {
        assert.throws(
          () => readConfig({ ...others, [variable]: value }),
          (error: Error) => says.test(error.message) && !error.message.includes('\n') && !error.message.includes(SECRET),
          `${variable}=${value}`,
        );
      }
    }
  });
});
