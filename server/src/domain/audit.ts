import type { Store } from './store-port.js';
import { writeAuditDetail, type AuditDetail } from '../../../contract/audit-detail.js';
import type { AuditAction, Official } from './model.js';

export type { AuditDetail, ChangedField, Redacted } from '../../../contract/audit-detail.js';

/**
 * Who acts: a signed-in official, the operator at the command line (trusted, but not a
 * known person), or the server itself (the retention purge, the demo's set-up).
 */
export type Actor = Official | 'command line' | 'server';

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
    detail: writeAuditDetail({ ...detail, commandLine: actor === 'command line' }),
  });
}
