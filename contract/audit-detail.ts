/**
 * The audit log's vocabulary, shared by the server (which writes entries) and the admin
 * view (which puts them in words): the actions, and what an entry may say besides its ids,
 * written as one short fixed-order string (`by=email, count=2, command line`) and read back.
 */
import type { FeedbackStatus, Role } from './api.js';

export const AUDIT_ACTIONS = [
  'status',
  'reply',
  'publish',
  'unpublish',
  'forward',
  'note',
  'read-private',
  'erase',
  'access',
  'export',
  'purge',
  'official-add',
  'official-change',
  'role-change',
  'official-deactivate',
  'sessions-end',
  'area-add',
  'area-change',
  'topic-add',
  'topic-change',
  'login-link',
  'sign-in',
  'link-create',
  'link-rotate',
  'link-revoke',
  'deputy-set',
  'deputy-clear',
  'template-add',
  'template-change',
  'template-remove',
  'mail-retry',
  'mail-dismiss',
  'api-key-create',
  'api-key-revoke',
  /** A key's first use on a city day (api-keys.ts says why not every use). */
  'api-key-use',
  'sms-survey',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The fields a directory change names in the log (names of fields, never their values). */
export const CHANGED_FIELDS = ['name', 'title', 'email', 'serviceAreaId', 'role', 'active', 'officialId', 'forBusinesses', 'locale', 'retired', 'targetDays'] as const;
export type ChangedField = (typeof CHANGED_FIELDS)[number];

export const REDACTED = ['comment', 'reply'] as const;
export type Redacted = (typeof REDACTED)[number];

/** Why an approval was withdrawn without staff asking: the giver changed what the public sees, or a redacted reply was changed. */
export const CAUSES = ['giver-edit', 'reply-changed'] as const;

/**
 * What an entry may say besides its ids. Typed so that only enumerations, counts and ids
 * can go in: never contact data or anything a person typed.
 */
export interface AuditDetail {
  /** How a person's data was looked up. */
  by?: 'email' | 'reference' | 'phone';
  count?: number;
  days?: number;
  fields?: readonly ChangedField[];
  /** The role given, or how it changed. */
  role?: Role | { from: Role; to: Role };
  status?: FeedbackStatus;
  /** The official who took over a leaver's work. */
  successor?: string;
  /** The deputy set or cleared for a period away. */
  deputy?: string;
  /** The official a forwarded item came from. */
  from?: string;
  /** The topic an item was forwarded to. */
  topic?: string;
  /** The signature link a rotation replaced. */
  replaces?: string;
  format?: 'CSV' | 'XLSX';
  /** What an approval redacted before publication. */
  redacted?: readonly Redacted[];
  cause?: (typeof CAUSES)[number];
  /** How a sign-in link was asked for, or a session opened. */
  via?: 'self-service' | 'oidc';
  /** Done at the command line (trusted, but not a known person). */
  commandLine?: boolean;
  /** The name of the API key a machine client acted with (never the key). */
  apiKey?: string;
  /** An SMS survey not sent: the number had one within the quiet period. */
  quiet?: boolean;
}

/** What an API key's name may be: it is written into audit entries, so no commas, spaces or personal data. */
export const API_KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** `by=email, count=2, command line`: short, fixed-order, as stored. */
export function writeAuditDetail(detail: AuditDetail): string | null {
  const parts: string[] = [];
  if (detail.by) parts.push(`by=${detail.by}`);
  if (detail.count !== undefined) parts.push(`count=${detail.count}`);
  if (detail.days !== undefined) parts.push(`days=${detail.days}`);
  if (detail.fields?.length) parts.push(`fields=${detail.fields.join('+')}`);
  if (detail.role) parts.push(`role=${typeof detail.role === 'string' ? detail.role : `${detail.role.from}→${detail.role.to}`}`);
  if (detail.status) parts.push(`status=${detail.status}`);
  if (detail.successor) parts.push(`successor=${detail.successor}`);
  if (detail.from) parts.push(`from=${detail.from}`);
  if (detail.topic) parts.push(`topic=${detail.topic}`);
  if (detail.deputy) parts.push(`deputy=${detail.deputy}`);
  if (detail.replaces) parts.push(`replaces=${detail.replaces}`);
  if (detail.format) parts.push(detail.format);
  if (detail.redacted?.length) parts.push(`redacted: ${detail.redacted.join(', ')}`);
  if (detail.cause) parts.push(detail.cause);
  if (detail.via) parts.push(`via=${detail.via}`);
  if (detail.apiKey) parts.push(`key=${detail.apiKey}`);
  if (detail.quiet) parts.push('quiet');
  if (detail.commandLine) parts.push('command line');
  return parts.length ? parts.join(', ') : null;
}

const TOKEN = /(by|count|days|fields|role|status|successor|from|topic|deputy|replaces|via|key)=([^,]+)|redacted: ((?:comment|reply)(?:, (?:comment|reply))*)|(CSV|XLSX|giver-edit|reply-changed|command line|quiet)/g;

/** The stored string back as the detail it was written from (what it does not recognise is left out). */
export function readAuditDetail(stored: string | null): AuditDetail {
  const detail: Record<string, unknown> = {};
  for (const [, key, value, redacted, flag] of (stored ?? '').matchAll(TOKEN)) {
    if (key === 'count' || key === 'days') detail[key] = Number(value);
    else if (key === 'fields') detail.fields = value!.split('+');
    else if (key === 'role') {
      const [from, to] = value!.split('→');
      detail.role = to ? { from, to } : from;
    } else if (key === 'key') detail.apiKey = value;
    else if (key) detail[key] = value;
    else if (redacted) detail.redacted = redacted.split(', ');
    else if (flag === 'CSV' || flag === 'XLSX') detail.format = flag;
    else if (flag === 'command line') detail.commandLine = true;
    else if (flag === 'quiet') detail.quiet = true;
    else if (flag) detail.cause = flag;
  }
  return detail as AuditDetail;
}
