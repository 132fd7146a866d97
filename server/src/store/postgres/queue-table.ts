/** How the queue tables run a statement (a pool's or a client's `query`). */
export type Query = (text: string, values?: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }>;

/** The send queues kept in PostgreSQL: one row a message, claimed by one server at a time. */
type QueueTableName = 'mail_queue' | 'sms_queue';

/**
 * Claims up to `limit` rows due at `now` and not held by another server, holding them until
 * `until`; SKIP LOCKED: servers claiming at once each get rows the others did not.
 */
export async function claimDue(query: Query, table: QueueTableName, now: string, until: string, limit: number): Promise<any[]> {
  const { rows } = await query(
    `UPDATE ${table} SET claimed_until = $2 WHERE id IN (
       SELECT id FROM ${table} WHERE next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
       ORDER BY next_attempt_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [now, until, limit],
  );
  return rows;
}

/** Every row, oldest first. */
export async function listQueue(query: Query, table: QueueTableName): Promise<any[]> {
  return (await query(`SELECT * FROM ${table} ORDER BY created_at, id`)).rows;
}

/** Removes the rows `ids`; how many there were. */
export async function deleteFromQueue(query: Query, table: QueueTableName, ids: readonly string[]): Promise<number> {
  const { rowCount } = await query(`DELETE FROM ${table} WHERE id = ANY($1)`, [[...ids]]);
  return rowCount ?? 0;
}
