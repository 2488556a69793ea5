import type { SqlExecutor } from '../storage/sql-driver.js';
import { readConfig } from '../storage/settings-rows.js';
import type { SubjectConfig } from './settings.js';

/**
 * Confluent's `alias` config: a subject whose own config names an alias stands for that subject in
 * registrations and reads. One hop only, so two aliases naming each other cannot loop.
 */
export async function resolveAlias(db: SqlExecutor, subject: string): Promise<string> {
  const alias = (await readConfig<SubjectConfig>(db, subject))?.alias;
  return typeof alias === 'string' && alias.length > 0 ? alias : subject;
}
