import { BlockList, isIP } from 'node:net';
import express from 'express';
import { readCityIdentity, type CityIdentity } from './city-identity.js';
import { DEFAULT_TIME_ZONE, timeZoneNamed } from './domain/city-time.js';
import { DEFAULT_OUTBOX_RETENTION_DAYS } from './domain/personal-data-inventory.js';
import { DEFAULT_RETENTION_DAYS } from './domain/personal-data.js';
import { LOG_LEVELS, type LogLevel } from './observability/logger.js';
import { DEFAULT_SMS_QUIET_DAYS, DEFAULT_SMS_RATE_LIMIT } from './domain/sms-surveys.js';

/**
 * Suora's settings, read once from the environment. Every variable has a safe default, and
 * every value is checked at start: a wrong one stops the server with a message naming the
 * variable and what a valid value looks like, instead of running half-configured.
 */
export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Unset: http://localhost:PORT, known once the server listens. */
  publicUrl: string | undefined;
  /** Besides the server's own origin. */
  allowedOrigins: string[];
  /** Submissions per IP per minute, or `off`. */
  rateLimit: number | 'off';
  /** Open311 requests per IP per minute without a key, or `off`. */
  open311RateLimit: number | 'off';
  /** Express `trust proxy`; never `true` (see `trustProxy`). */
  trustProxy: TrustProxy | undefined;
  /** Origins that may frame Suora's pages. */
  frameAncestors: string[];
  /** Contact data and free text older than this are purged daily. */
  retentionDays: number;
  /** Messages in the data directory's outbox older than this are removed daily. */
  outboxRetentionDays: number;
  /** Outgoing mail; unset: messages are written to the data directory's outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The SMS gateway (SMPP 3.4); unset: SMS are written to the data directory's outbox. */
  smsUrl: string | undefined;
  /** Days a phone number gets no second SMS survey. */
  smsQuietDays: number;
  /** SMS survey requests per API key per minute, or `off`. */
  smsRateLimit: number | 'off';
  /** The city's IANA time zone: its days, ISO weeks and months in scores, statistics, filters and exports. */
  timeZone: string;
  /** Single sign-on through the city's OpenID Connect provider; unset: sign-in links only. */
  oidc: OidcSettings | undefined;
  /** The least a log line must weigh to be written (`SUORA_LOG_LEVEL`). */
  logLevel: LogLevel;
  /** The bearer token `GET /metrics` asks for; unset: no metrics are served. */
  metricsToken: string | undefined;
  /** The city's name, logo and statements on every page and in every mail (city-identity.ts). */
  identity: CityIdentity;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * The ID token claim that holds the person's email: `email` (taken only with
   * `email_verified: true`), or a claim the provider itself administers, such as Entra ID's
   * `preferred_username` (the user principal name, set by the city's IT), taken as it is.
   */
  emailClaim: string;
}

/**
 * Which proxies in front of Suora may tell a client's address (X-Forwarded-For): how many
 * there are (a hop count), or their addresses: IPs, CIDRs, and Express's names `loopback`,
 * `linklocal`, `uniquelocal`.
 */
export type TrustProxy = number | string[];

const DEFAULT_RATE_LIMIT = 30;
export const DEFAULT_OPEN311_RATE_LIMIT = 60;

/** Reads the configuration; throws an `Error` whose message names the variable at fault. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, defaults: { dataDir?: string; logLevel?: LogLevel } = {}): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : wholeNumber(env.PORT);
  if (port === undefined || port > 65535) {
    throw new Error(`PORT must be a port number from 0 to 65535, not "${env.PORT}".`);
  }
  const publicUrl = env.SUORA_PUBLIC_URL ? origin('SUORA_PUBLIC_URL', env.SUORA_PUBLIC_URL) : undefined;
  const allowedOrigins = (env.SUORA_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => origin('SUORA_ALLOWED_ORIGINS', o));

  return {
    port,
    dataDir: env.SUORA_DATA_DIR || defaults.dataDir || './data',
    databaseUrl: env.DATABASE_URL ? databaseUrl(env.DATABASE_URL) : undefined,
    publicUrl,
    allowedOrigins,
    rateLimit: rateLimit('SUORA_RATE_LIMIT', env.SUORA_RATE_LIMIT, DEFAULT_RATE_LIMIT, 'submissions'),
    open311RateLimit: rateLimit('SUORA_OPEN311_RATE_LIMIT', env.SUORA_OPEN311_RATE_LIMIT, DEFAULT_OPEN311_RATE_LIMIT, 'requests'),
    trustProxy: env.SUORA_TRUST_PROXY ? trustProxy(env.SUORA_TRUST_PROXY) : undefined,
    frameAncestors: (env.SUORA_FRAME_ANCESTORS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o) => origin('SUORA_FRAME_ANCESTORS', o)),
    retentionDays: days('SUORA_RETENTION_DAYS', env.SUORA_RETENTION_DAYS, DEFAULT_RETENTION_DAYS),
    outboxRetentionDays: days('SUORA_OUTBOX_RETENTION_DAYS', env.SUORA_OUTBOX_RETENTION_DAYS, DEFAULT_OUTBOX_RETENTION_DAYS),
    smtpUrl: env.SMTP_URL ? smtpUrl(env.SMTP_URL) : undefined,
    // A bare address: each mail is then sent in the city's name (mailer.ts).
    mailFrom: env.SUORA_MAIL_FROM ? mailFrom(env.SUORA_MAIL_FROM) : 'suora@localhost',
    smsUrl: env.SMS_URL ? smsUrl(env.SMS_URL) : undefined,
    smsQuietDays: days('SUORA_SMS_QUIET_DAYS', env.SUORA_SMS_QUIET_DAYS, DEFAULT_SMS_QUIET_DAYS),
    smsRateLimit: rateLimit('SUORA_SMS_RATE_LIMIT', env.SUORA_SMS_RATE_LIMIT, DEFAULT_SMS_RATE_LIMIT, 'SMS survey requests'),
    timeZone: env.SUORA_TIME_ZONE ? timeZone(env.SUORA_TIME_ZONE) : DEFAULT_TIME_ZONE,
    oidc: oidcSettings(env),
    logLevel: env.SUORA_LOG_LEVEL ? logLevel(env.SUORA_LOG_LEVEL) : (defaults.logLevel ?? 'info'),
    metricsToken: env.SUORA_METRICS_TOKEN ? metricsToken(env.SUORA_METRICS_TOKEN) : undefined,
    identity: readCityIdentity(env),
  };
}

function logLevel(value: string): LogLevel {
  const level = value.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`SUORA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}".`);
  }
  return level as LogLevel;
}

/** Long enough not to be guessed; the token is never repeated in a message. */
function metricsToken(value: string): string {
  if (value.length < MIN_TOKEN_LENGTH || /\s/.test(value)) {
    throw new Error(`SUORA_METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters without spaces (e.g. from openssl rand -hex 32).`);
  }
  return value;
}

const MIN_TOKEN_LENGTH = 24;

const OIDC_VARIABLES = ['SUORA_OIDC_ISSUER', 'SUORA_OIDC_CLIENT_ID', 'SUORA_OIDC_CLIENT_SECRET'] as const;

/** All three OIDC variables or none: a half-configured single sign-on would fail only when someone tries it. */
function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const given = OIDC_VARIABLES.filter((name) => env[name]);
  if (given.length === 0) {
    if (env.SUORA_OIDC_EMAIL_CLAIM) throw new Error('SUORA_OIDC_EMAIL_CLAIM needs single sign-on: set SUORA_OIDC_ISSUER, SUORA_OIDC_CLIENT_ID and SUORA_OIDC_CLIENT_SECRET too.');
    return undefined;
  }
  const missing = OIDC_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(`Single sign-on needs ${OIDC_VARIABLES.join(', ')} all set; ${missing.join(' and ')} missing.`);
  }
  const issuer = env.SUORA_OIDC_ISSUER!.trim();
  const url = URL.canParse(issuer) ? new URL(issuer) : undefined;
  // Plain http only on this machine (a test or demo provider): tokens must not cross a network unencrypted.
  const local = url && url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!url || (url.protocol !== 'https:' && !local) || url.search || url.hash || url.username) {
    throw new Error(
      `SUORA_OIDC_ISSUER must be the provider's https issuer URL, such as https://login.microsoftonline.com/TENANT-ID/v2.0 (http only for localhost), not "${issuer}".`,
    );
  }
  const emailClaim = env.SUORA_OIDC_EMAIL_CLAIM?.trim() || 'email';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(emailClaim)) {
    throw new Error(`SUORA_OIDC_EMAIL_CLAIM must be a claim name such as email or preferred_username, not "${emailClaim}".`);
  }
  // The secret is never repeated in a message.
  return { issuer, clientId: env.SUORA_OIDC_CLIENT_ID!.trim(), clientSecret: env.SUORA_OIDC_CLIENT_SECRET!, emailClaim };
}

/** An origin: scheme, host and port only; a path would be dropped silently, so it is refused. */
function origin(variable: string, value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`${variable} must be an http(s) origin such as https://palaute.example.fi (no path), not "${value}".`);
  }
  return url.origin;
}

function timeZone(value: string): string {
  const name = timeZoneNamed(value.trim());
  if (!name) throw new Error(`SUORA_TIME_ZONE must be an IANA time zone name such as Europe/Helsinki, not "${value}".`);
  return name;
}

function rateLimit(variable: string, value: string | undefined, fallback: number, what: string): number | 'off' {
  if (value === undefined || value === '') return fallback;
  if (value === 'off') return 'off';
  const limit = wholeNumber(value);
  if (limit === undefined || limit < 1) {
    throw new Error(`${variable} must be a whole number of ${what} per minute, or "off", not "${value}".`);
  }
  return limit;
}

/** Past this, `now - days` leaves the dates JavaScript can hold, and the daily purge would fail. */
const MAX_DAYS = 36_500;

function days(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const count = wholeNumber(value);
  if (count === undefined || count < 1 || count > MAX_DAYS) {
    throw new Error(`${variable} must be a whole number of days from 1 to ${MAX_DAYS}, not "${value}".`);
  }
  return count;
}

/** Digits only: `Number` would also take " 8", "1e3", "0x1f" and "". */
function wholeNumber(value: string): number | undefined {
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

// The URLs below may hold a password: their messages never repeat the value.

/** What PostgreSQL's `sslmode` may be; node-postgres takes any other word as "use TLS", silently. */
const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];

function databaseUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    throw new Error('DATABASE_URL must be a PostgreSQL URL such as postgres://suora:PASSWORD@db.example.fi:5432/suora.');
  }
  encodedCredentials('DATABASE_URL', url);
  const sslMode = url.searchParams.get('sslmode');
  if (sslMode !== null && !SSL_MODES.includes(sslMode)) {
    throw new Error(`DATABASE_URL's sslmode must be one of ${SSL_MODES.join(', ')}, not "${sslMode}".`);
  }
  return value;
}

function smtpUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    throw new Error('SMTP_URL must be an SMTP server URL such as smtps://user:PASSWORD@smtp.example.fi:465 (or smtp://…:587).');
  }
  encodedCredentials('SMTP_URL', url);
  return value;
}

function smsUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const from = url?.searchParams.get('from') ?? null;
  if (
    !url ||
    (url.protocol !== 'smpp:' && url.protocol !== 'ssmpp:') ||
    !url.hostname ||
    (url.port !== '' && !/^\d+$/.test(url.port)) ||
    [...url.searchParams.keys()].some((key) => key !== 'from') ||
    (from !== null && !/^(\+?\d{1,15}|[A-Za-z0-9 ]{1,11})$/.test(from))
  ) {
    throw new Error(
      'SMS_URL must be an SMPP gateway URL such as smpp://USER:PASSWORD@sms.example.fi:2775 (ssmpp:// over TLS), optionally with ?from=SENDER (a number, or up to 11 letters and digits).',
    );
  }
  return value;
}

/** A `%` in a user name or password must start an escape; a bare one is an unencoded character that would change the password silently. */
function encodedCredentials(variable: string, url: URL): void {
  for (const part of [url.username, url.password]) {
    try {
      decodeURIComponent(part);
    } catch {
      throw new Error(`${variable}'s user name or password must be percent-encoded: write % as %25, @ as %40, : as %3A, / as %2F.`);
    }
  }
}

/** `Name <address>` or a bare address, on one line (a line break would start a new mail header). */
function mailFrom(value: string): string {
  const address = /^[^<>\r\n]*<([^<>\s]+)>$/.exec(value.trim())?.[1] ?? value.trim();
  if (/[\r\n]/.test(value) || !/^[^\s@<>"]+@[^\s@<>"]+$/.test(address)) {
    throw new Error(`SUORA_MAIL_FROM must be an email address, optionally with a name, such as "Lahden kaupunki <palaute@lahti.fi>", not "${value}".`);
  }
  return value.trim();
}

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** More hops than there are proxies is as bad as `true`: the extra hops are the client's own words. */
export const MAX_PROXY_HOPS = 5;

/** The broadest range that can still be a proxy network; a broader one takes in clients. */
const MIN_PREFIX = { 4: 8, 6: 32 } as const;

/**
 * A hop count of 0 to MAX_PROXY_HOPS, or comma-separated proxy addresses: IPs, CIDRs of at
 * least /8 (IPv4) or /32 (IPv6), and Express's names (fixed private ranges). Never `true`,
 * a larger count or a broader range: Express would then believe X-Forwarded-For addresses
 * that any client writes itself, so each request could claim a new address and pass the
 * per-address limits. Express compiles the value here too, so none can fail it later.
 */
function trustProxy(value: string): TrustProxy {
  const how =
    'Give the number of proxies in front of Suora (e.g. SUORA_TRUST_PROXY=1 for one reverse proxy), or their addresses: ' +
    'IPs or CIDRs, or loopback, linklocal, uniquelocal, comma-separated (e.g. SUORA_TRUST_PROXY=10.0.0.0/8,loopback).';
  if (value.trim() === 'true') {
    throw new Error(`SUORA_TRUST_PROXY=true would let any client choose its own address (X-Forwarded-For) and pass the per-address limits. ${how}`);
  }
  if (value.trim() === 'false') return 0; // Express's other boolean: no proxy is trusted, as with 0 hops
  const hops = wholeNumber(value.trim());
  if (hops !== undefined) {
    if (hops > MAX_PROXY_HOPS) {
      throw new Error(
        `SUORA_TRUST_PROXY=${value.trim()} trusts more proxies than a deployment has (at most ${MAX_PROXY_HOPS}): ` +
          `every hop beyond the real proxies is an address the client wrote itself. ${how}`,
      );
    }
    return hops;
  }
  const proxies = value.split(',').map((p) => p.trim());
  for (const proxy of proxies) {
    if (TRUST_PROXY_NAMES.includes(proxy)) continue;
    const range = addressOrSubnet(proxy);
    if (!range) throw new Error(`SUORA_TRUST_PROXY: "${proxy}" is not a proxy address. ${how}`);
    if (range.bits < MIN_PREFIX[range.version]) {
      throw new Error(
        `SUORA_TRUST_PROXY: "${proxy}" is too broad to be a proxy network (IPv4 ranges need /${MIN_PREFIX[4]} or longer, ` +
          `IPv6 /${MIN_PREFIX[6]} or longer, IPv4-mapped IPv6 ::ffff:a.b.c.d/${96 + MIN_PREFIX[4]} or longer): ` +
          `it would let clients choose their own address. ${how}`,
      );
    }
  }
  try {
    express().set('trust proxy', proxies);
  } catch (error) {
    throw new Error(`SUORA_TRUST_PROXY: Express cannot use "${value}" (${(error as Error).message}). ${how}`);
  }
  return proxies;
}

/**
 * An IP or CIDR, with the prefix length that says how much it covers: an IPv6 range that
 * reaches into the IPv4-mapped block (::ffff:0:0/96), which Express matches IPv4 clients
 * against, is judged by its IPv4 part. `undefined` if it is neither.
 */
function addressOrSubnet(value: string): { version: 4 | 6; bits: number } | undefined {
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const bits = prefix === undefined ? max : wholeNumber(prefix);
  if (bits === undefined || bits > max) return undefined;
  if (version === 4) return { version, bits };
  const blocks = new BlockList();
  blocks.addSubnet('::ffff:0:0', 96, 'ipv6');
  const mapped = blocks.check(address, 'ipv6') || coversMapped(address, bits);
  return mapped ? { version: 4, bits: bits - 96 } : { version: 6, bits };
}

/** Whether ADDRESS/BITS holds the whole IPv4-mapped block (its first BITS bits are those of ::ffff:0:0). */
function coversMapped(address: string, bits: number): boolean {
  if (bits > 96) return false;
  const range = new BlockList();
  range.addSubnet(address, bits, 'ipv6');
  return range.check('::ffff:0:0', 'ipv6');
}
