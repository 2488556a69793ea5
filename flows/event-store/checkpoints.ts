import type { SqlExecutor } from '../../server/storage/sql-driver.js';
import { logStart, type LogPosition } from './log-position.js';

/** Where a subscription has got to. Durable ones live in `flow_checkpoints`; others only in memory. */
export interface CheckpointStore {
  load(name: string, tx: SqlExecutor): Promise<LogPosition>;
  save(name: string, position: LogPosition, tx: SqlExecutor): Promise<void>;
}

/**
 * Checkpoints in the event store's database. Saved in the same transaction as the work the
 * subscription did (a projection's SQL, an analytics state row), so a crash can never record
 * progress without the work or the work without the progress. `FOR UPDATE` keeps two instances of
 * one subscription from handling the same batch.
 */
export const sqlCheckpoints: CheckpointStore = {
  async load(name, tx) {
    await tx.query('INSERT INTO flow_checkpoints (name, position, transaction_id) VALUES ($1, 0, 0) ON CONFLICT (name) DO NOTHING', [name]);
    const { rows } = await tx.query<{ t: string; p: string }>(
      'SELECT transaction_id::text AS t, position::text AS p FROM flow_checkpoints WHERE name = $1 FOR UPDATE',
      [name],
    );
    return rows[0] === undefined ? logStart : { transactionId: Number(rows[0].t), position: Number(rows[0].p) };
  },
  async save(name, at, tx) {
    await tx.query('UPDATE flow_checkpoints SET transaction_id = $2, position = $3, updated_at = now() WHERE name = $1', [name, at.transactionId, at.position]);
  },
};

/**
 * Checkpoints that vanish with the process: for state that is rebuilt by replaying from the start
 * anyway, where a stored position would skip the history the state needs.
 */
export function memoryCheckpoints(): CheckpointStore {
  const positions = new Map<string, LogPosition>();
  return {
    load: async (name) => positions.get(name) ?? logStart,
    save: async (name, position) => {
      positions.set(name, position);
    },
  };
}
