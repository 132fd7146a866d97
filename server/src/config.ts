import { DEFAULT_OUTBOX_RETENTION_DAYS } from './domain/personal-data-inventory.js';

/** Suora's settings, read once from the environment. Every variable has a safe default. */
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
  trustProxy: string | undefined;
  /** Origins that may frame Suora's pages. */
  frameAncestors: string[];
  /** Contact data and free text older than this are purged daily. */
  retentionDays: number;
  /** Messages in the data directory's outbox older than this are removed daily. */
  outboxRetentionDays: number;
  /** Outgoing mail; unset: messages are written to the data directory's outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
}

export const DEFAULT_RATE_LIMIT = 30;

/** Reads the configuration; throws an `Error` whose message names the variable at fault. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, defaults: { dataDir?: string } = {}): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
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
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl,
    allowedOrigins,
    rateLimit: rateLimit(env.SUORA_RATE_LIMIT),
    trustProxy: env.SUORA_TRUST_PROXY || undefined,
    frameAncestors: (env.SUORA_FRAME_ANCESTORS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o) => origin('SUORA_FRAME_ANCESTORS', o)),
    retentionDays: retentionDays(env.SUORA_RETENTION_DAYS),
    outboxRetentionDays: outboxRetentionDays(env.SUORA_OUTBOX_RETENTION_DAYS),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.SUORA_MAIL_FROM || 'Suora <suora@localhost>',
  };
}

function origin(variable: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url.origin;
  } catch {
    throw new Error(`${variable} must be an http(s) origin such as https://palaute.example.fi, not "${value}".`);
  }
}

function rateLimit(value: string | undefined): number | 'off' {
  if (value === undefined || value === '') return DEFAULT_RATE_LIMIT;
  if (value === 'off') return 'off';
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`SUORA_RATE_LIMIT must be a whole number of submissions per minute, or "off", not "${value}".`);
  }
  return limit;
}

function retentionDays(value: string | undefined): number {
  if (value === undefined || value === '') return 548;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`SUORA_RETENTION_DAYS must be a whole number of days, 1 or more, not "${value}".`);
  }
  return days;
}

function outboxRetentionDays(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_OUTBOX_RETENTION_DAYS;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`SUORA_OUTBOX_RETENTION_DAYS must be a whole number of days, 1 or more, not "${value}".`);
  }
  return days;
}
