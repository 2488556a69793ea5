import type { SqlExecutor } from './sql-driver.js';

export interface AuditEntry {
  id: number;
  at: string;
  principal: string;
  action: string;
  subject?: string;
  detail: Record<string, unknown>;
}

/** Appends inside the caller's transaction, so an audit row exists exactly when the change does. */
export async function appendAudit(
  tx: SqlExecutor,
  entry: { principal: string; action: string; subject?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await tx.query('INSERT INTO charter_audit (principal, action, subject, detail) VALUES ($1, $2, $3, $4::jsonb)', [
    entry.principal,
    entry.action,
    entry.subject ?? null,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

/** Newest first, keyset-paged: pass the smallest id seen as `before` for the next page. */
export async function listAudit(db: SqlExecutor, page: { before?: number; limit: number; subject?: string }): Promise<AuditEntry[]> {
  const { rows } = await db.query<{ id: string | number; at: Date | string; principal: string; action: string; subject: string | null; detail: Record<string, unknown> }>(
    `SELECT id, at, principal, action, subject, detail FROM charter_audit
     WHERE ($1::bigint IS NULL OR id < $1::bigint) AND ($3::text IS NULL OR subject = $3::text)
     ORDER BY id DESC LIMIT $2`,
    [page.before ?? null, page.limit, page.subject ?? null],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    principal: row.principal,
    action: row.action,
    ...(row.subject !== null ? { subject: row.subject } : {}),
    detail: row.detail,
  }));
}
