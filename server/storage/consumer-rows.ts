import type { SqlExecutor } from './sql-driver.js';

/** A consumer group's declared reads: subject → semver range. */
export type ConsumerDeclaration = Record<string, string>;

export async function readConsumer(db: SqlExecutor, group: string): Promise<ConsumerDeclaration | undefined> {
  const { rows } = await db.query<{ subjects: ConsumerDeclaration }>('SELECT subjects FROM charter_consumers WHERE group_name = $1', [group]);
  return rows[0]?.subjects;
}

export async function listConsumers(db: SqlExecutor): Promise<Array<{ group: string; subjects: ConsumerDeclaration }>> {
  const { rows } = await db.query<{ group_name: string; subjects: ConsumerDeclaration }>(
    'SELECT group_name, subjects FROM charter_consumers ORDER BY group_name',
  );
  return rows.map((row) => ({ group: row.group_name, subjects: row.subjects }));
}

export async function writeConsumer(db: SqlExecutor, group: string, subjects: ConsumerDeclaration): Promise<void> {
  await db.query(
    `INSERT INTO charter_consumers (group_name, subjects) VALUES ($1, $2::jsonb)
     ON CONFLICT (group_name) DO UPDATE SET subjects = EXCLUDED.subjects, updated_at = now()`,
    [group, JSON.stringify(subjects)],
  );
}

export async function deleteConsumer(db: SqlExecutor, group: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM charter_consumers WHERE group_name = $1 RETURNING group_name', [group]);
  return rows.length > 0;
}
