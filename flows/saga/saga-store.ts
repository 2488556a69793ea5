import type { SqlDriver } from '../../server/storage/sql-driver.js';
import type { OrderProcessingFailedV1 } from '../generated/index.js';

export type SagaStatus = 'running' | 'compensating' | 'completed' | 'failed' | 'parked';

/** A saga instance as stored after every step: enough to resume it in another process. */
export interface SagaRecord<Context> {
  id: string;
  status: SagaStatus;
  /** Index of the next step to run (`running`), or how many steps completed (`compensating`). */
  nextStep: number;
  context: Context;
  failedStep?: string;
  reason?: string;
  compensated: string[];
  compensationFailures: OrderProcessingFailedV1['compensationFailures'];
}

/** Where saga state lives. `sqlSagaStore` for anything that must survive a restart. */
export interface SagaStore<Context> {
  /** Creates the record unless one with that id exists; returns the stored record either way. */
  begin(record: SagaRecord<Context>): Promise<SagaRecord<Context>>;
  save(record: SagaRecord<Context>): Promise<void>;
  /** Instances that were running or compensating: what `resume` picks up after a restart. */
  unfinished(): Promise<Array<SagaRecord<Context>>>;
}

export const sagaSchema = `
CREATE TABLE IF NOT EXISTS saga_instances (
  saga          TEXT NOT NULL,
  id            TEXT NOT NULL,
  record        JSONB NOT NULL,
  status        TEXT NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (saga, id)
);
`;

/** Saga state in a table, one row per instance, rewritten after every step and compensation. */
export async function sqlSagaStore<Context>(db: SqlDriver, saga: string): Promise<SagaStore<Context>> {
  await db.exec(sagaSchema);
  return {
    async begin(record) {
      await db.query('INSERT INTO saga_instances (saga, id, record, status) VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT (saga, id) DO NOTHING', [saga, record.id, JSON.stringify(record), record.status]);
      const { rows } = await db.query<{ record: SagaRecord<Context> }>('SELECT record FROM saga_instances WHERE saga = $1 AND id = $2', [saga, record.id]);
      return rows[0].record;
    },
    async save(record) {
      await db.query('UPDATE saga_instances SET record = $3::jsonb, status = $4, updated_at = now() WHERE saga = $1 AND id = $2', [saga, record.id, JSON.stringify(record), record.status]);
    },
    async unfinished() {
      const { rows } = await db.query<{ record: SagaRecord<Context> }>("SELECT record FROM saga_instances WHERE saga = $1 AND status IN ('running', 'compensating') ORDER BY updated_at", [saga]);
      return rows.map((r) => r.record);
    },
  };
}

/** Saga state in memory: for tests of the saga's logic, and sagas that may be lost with the process. */
export function memorySagaStore<Context>(): SagaStore<Context> {
  const records = new Map<string, string>();
  return {
    async begin(record) {
      if (!records.has(record.id)) records.set(record.id, JSON.stringify(record));
      return JSON.parse(records.get(record.id)!) as SagaRecord<Context>;
    },
    async save(record) {
      records.set(record.id, JSON.stringify(record));
    },
    async unfinished() {
      return [...records.values()].map((r) => JSON.parse(r) as SagaRecord<Context>).filter((r) => r.status === 'running' || r.status === 'compensating');
    },
  };
}
