import type { SqlExecutor } from '../../server/storage/sql-driver.js';

/** Where a subscription has got to. Durable ones live in `flow_checkpoints`; others only in memory. */
export interface CheckpointStore {
  load(name: string, tx: SqlExecutor): Promise<number>;
  save(name: string, position: number, tx: SqlExecutor): Promise<void>;
}

/**
 * Checkpoints in the event store's database. Saved in the same transaction as the work the
 * subscription did (a projection's SQL), so a crash can never record progress without the work or
 * the work without the progress. `FOR UPDATE` keeps two instances of one subscription from handling
 * the same batch.
 */
export const sqlCheckpoints: CheckpointStore = {
  async load(name, tx) {
    await tx.query('INSERT INTO flow_checkpoints (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING', [name]);
    const { rows } = await tx.query<{ position: string }>('SELECT position::text AS position FROM flow_checkpoints WHERE name = $1 FOR UPDATE', [name]);
    return Number(rows[0]?.position ?? 0);
  },
  async save(name, position, tx) {
    await tx.query('UPDATE flow_checkpoints SET position = $2, updated_at = now() WHERE name = $1', [name, position]);
  },
};

/**
 * Checkpoints that vanish with the process: for in-memory state (a stream processor) that must be
 * rebuilt by replaying from the start anyway, where a stored position would skip the history the
 * state needs.
 */
export function memoryCheckpoints(): CheckpointStore {
  const positions = new Map<string, number>();
  return {
    load: async (name) => positions.get(name) ?? 0,
    save: async (name, position) => {
      positions.set(name, position);
    },
  };
}
