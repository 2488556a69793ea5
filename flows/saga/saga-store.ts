import type { SqlDriver } from '../../server/storage/sql-driver.js';
import type { OrderProcessingFailedV1 } from '../generated/index.js';

export type SagaStatus = 'running' | 'compensating' | 'completed' | 'failed' | 'parked' | 'cancelled';

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
  /** Set by `cancel` (the reason): the saga stops at its next step boundary and compensates. Never cleared. */
  cancelRequested?: string;
  /** True when the compensation was for a cancellation rather than a failed step. */
  cancellation?: boolean;
}

/** Where saga state lives. `sqlSagaStore` for anything that must survive a restart. */
export interface SagaStore<Context> {
  /** Creates the record unless one with that id exists; returns the stored record either way. */
  begin(record: SagaRecord<Context>): Promise<SagaRecord<Context>>;
  /** Saves progress; a cancellation requested meanwhile is kept (and in the record returned). */
  save(record: SagaRecord<Context>): Promise<SagaRecord<Context>>;
  /** Marks the instance as cancelled by request; returns it as stored, or undefined when there is none. */
  requestCancel(id: string, reason: string): Promise<SagaRecord<Context> | undefined>;
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
      // A cancellation written by another caller between this one's read and write survives it.
      const { rows } = await db.query<{ record: SagaRecord<Context> }>(
        `UPDATE saga_instances SET status = $4, updated_at = now(),
           record = CASE WHEN record->'cancelRequested' IS NULL THEN $3::jsonb ELSE $3::jsonb || jsonb_build_object('cancelRequested', record->'cancelRequested') END
         WHERE saga = $1 AND id = $2 RETURNING record`,
        [saga, record.id, JSON.stringify(record), record.status],
      );
      return rows[0]?.record ?? record;
    },
    async requestCancel(id, reason) {
      const { rows } = await db.query<{ record: SagaRecord<Context> }>(
        `UPDATE saga_instances SET record = jsonb_set(record, '{cancelRequested}', to_jsonb($3::text)), updated_at = now() WHERE saga = $1 AND id = $2 RETURNING record`,
        [saga, id, reason],
      );
      return rows[0]?.record;
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
      const before = records.get(record.id);
      const cancelRequested = before === undefined ? undefined : (JSON.parse(before) as SagaRecord<Context>).cancelRequested;
      const saved = cancelRequested === undefined ? record : { ...record, cancelRequested };
      records.set(record.id, JSON.stringify(saved));
      return JSON.parse(records.get(record.id)!) as SagaRecord<Context>;
    },
    async requestCancel(id, reason) {
      const before = records.get(id);
      if (before === undefined) return undefined;
      records.set(id, JSON.stringify({ ...(JSON.parse(before) as SagaRecord<Context>), cancelRequested: reason }));
      return JSON.parse(records.get(id)!) as SagaRecord<Context>;
    },
    async unfinished() {
      return [...records.values()].map((r) => JSON.parse(r) as SagaRecord<Context>).filter((r) => r.status === 'running' || r.status === 'compensating');
    },
  };
}
