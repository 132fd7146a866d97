import type { Store } from './store-port.js';
import type { AuditAction, Official, Role, Status } from './model.js';

/**
 * Who acts: a signed-in official, the operator at the command line (trusted, but not a
 * known person), or the server itself (the retention purge, the demo's set-up).
 */
export type Actor = Official | 'command line' | 'server';

/** The fields a directory change names in the log (names of fields, never their values). */
export type ChangedField = 'name' | 'title' | 'email' | 'serviceAreaId' | 'role' | 'active' | 'officialId' | 'forBusinesses' | 'targetDays';

/**
 * What an entry may say besides its ids. Typed so that only enumerations, counts and ids
 * can go in: never contact data or anything a person typed.
 */
export interface AuditDetail {
  /** How a person's data was looked up. */
  by?: 'email' | 'reference';
  count?: number;
  days?: number;
  fields?: readonly ChangedField[];
  /** The role given, or how it changed. */
  role?: Role | { from: Role; to: Role };
  status?: Status;
  /** The official who took over a leaver's work. */
  successor?: string;
  /** The signature link a rotation replaced. */
  replaces?: string;
  format?: 'CSV';
  /** What an approval redacted before publication. */
  redacted?: readonly Redacted[];
  /** Why an approval was withdrawn without staff asking: the giver changed what the public sees, or a redacted reply was changed. */
  cause?: 'giver-edit' | 'reply-changed';
}

export type Redacted = 'comment' | 'reply';

/** Records an action in the audit log; `target` names the item, or the official, topic, area or link acted on. */
export async function audit(
  store: Store,
  actor: Actor,
  action: AuditAction,
  target: { feedbackId?: string | null; targetId?: string | null } = {},
  detail: AuditDetail = {},
): Promise<void> {
  await store.addAuditEntry({
    at: new Date().toISOString(),
    actorId: typeof actor === 'string' ? null : actor.id,
    action,
    feedbackId: target.feedbackId ?? null,
    ...(target.targetId != null && { targetId: target.targetId }),
    detail: describe(detail, actor),
  });
}

/** `by=email, count=2, command line`: short, fixed-order, readable in the admin view. */
function describe(detail: AuditDetail, actor: Actor): string | null {
  const parts: string[] = [];
  if (detail.by) parts.push(`by=${detail.by}`);
  if (detail.count !== undefined) parts.push(`count=${detail.count}`);
  if (detail.days !== undefined) parts.push(`days=${detail.days}`);
  if (detail.fields?.length) parts.push(`fields=${detail.fields.join('+')}`);
  if (detail.role) parts.push(`role=${typeof detail.role === 'string' ? detail.role : `${detail.role.from}→${detail.role.to}`}`);
  if (detail.status) parts.push(`status=${detail.status}`);
  if (detail.successor) parts.push(`successor=${detail.successor}`);
  if (detail.replaces) parts.push(`replaces=${detail.replaces}`);
  if (detail.format) parts.push(detail.format);
  if (detail.redacted?.length) parts.push(`redacted: ${detail.redacted.join(', ')}`);
  if (detail.cause) parts.push(detail.cause);
  if (actor === 'command line') parts.push('command line');
  return parts.length ? parts.join(', ') : null;
}
