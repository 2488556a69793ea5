import type { SqlExecutor } from './sql-driver.js';

/** The global row of config and mode lives under the empty subject name. */
export const GLOBAL = '';

export async function readConfig<T>(db: SqlExecutor, subject: string): Promise<T | undefined> {
  const { rows } = await db.query<{ config: T }>('SELECT config FROM charter_config WHERE subject = $1', [subject]);
  return rows[0]?.config;
}

export async function writeConfig(db: SqlExecutor, subject: string, config: object): Promise<void> {
  await db.query(
    'INSERT INTO charter_config (subject, config) VALUES ($1, $2::jsonb) ON CONFLICT (subject) DO UPDATE SET config = EXCLUDED.config',
    [subject, JSON.stringify(config)],
  );
}

export async function deleteConfig(db: SqlExecutor, subject: string): Promise<void> {
  await db.query('DELETE FROM charter_config WHERE subject = $1', [subject]);
}

export async function readMode(db: SqlExecutor, subject: string): Promise<string | undefined> {
  const { rows } = await db.query<{ mode: string }>('SELECT mode FROM charter_mode WHERE subject = $1', [subject]);
  return rows[0]?.mode;
}

export async function writeMode(db: SqlExecutor, subject: string, mode: string): Promise<void> {
  await db.query(
    'INSERT INTO charter_mode (subject, mode) VALUES ($1, $2) ON CONFLICT (subject) DO UPDATE SET mode = EXCLUDED.mode',
    [subject, mode],
  );
}

export async function deleteMode(db: SqlExecutor, subject: string): Promise<void> {
  await db.query('DELETE FROM charter_mode WHERE subject = $1', [subject]);
}
