import type { Envelope } from '../codec/envelope.js';
import type { EventHandler } from '../transport/subscriber.js';
import type { SqlDatabase, SqlExecutor } from './sql-database.js';

export const inboxSchema = `
CREATE TABLE IF NOT EXISTS charter_inbox (
  consumer      TEXT NOT NULL,
  message_id    TEXT NOT NULL,
  processed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);
`;

export type InboxOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/** Thrown inside the transaction to roll it back when a concurrent delivery recorded the message first. */
class AlreadyProcessed extends Error {}

/**
 * The durable inbox of an idempotent consumer: a (consumer, message id) record written in the same
 * transaction as the consumer's own state change. A message whose record exists is skipped, so its
 * effect happens once however often the broker delivers it, across restarts and beyond the broker's
 * de-duplication window.
 *
 * The record is written after `work`, so `work`'s first write comes first in its transaction
 * (which the event store's log order relies on); a concurrent delivery that got there first makes
 * this one roll back and count as a duplicate.
 *
 * @example
 *   const inbox = await Inbox.open(db);
 *   await subscriber.subscribe('order.OrderPlaced', { accept: '^2.0.0' },
 *     inbox.handler(db, 'inventory-service', async (event, tx) => reserve(event.data, tx)));
 */
export class Inbox {
  private constructor(readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<Inbox> {
    await db.exec(inboxSchema);
    return new Inbox(db);
  }

  /** Runs `work` in a transaction unless `consumer` already processed `messageId`; records it in the same transaction. */
  async once<T>(consumer: string, messageId: string, work: (tx: SqlExecutor) => Promise<T>): Promise<InboxOutcome<T>> {
    try {
      return await this.db.transaction(async (tx) => {
        if (await this.seen(consumer, messageId, tx)) return { duplicate: true } as const;
        const result = await work(tx);
        const { rows } = await tx.query(
          'INSERT INTO charter_inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT (consumer, message_id) DO NOTHING RETURNING 1 AS inserted',
          [consumer, messageId],
        );
        if (rows.length === 0) throw new AlreadyProcessed();
        return { duplicate: false, result } as const;
      });
    } catch (error) {
      if (error instanceof AlreadyProcessed) return { duplicate: true };
      throw error;
    }
  }

  /** True when `consumer` has processed `messageId`. */
  async seen(consumer: string, messageId: string, tx: SqlExecutor = this.db): Promise<boolean> {
    const { rows } = await tx.query('SELECT 1 FROM charter_inbox WHERE consumer = $1 AND message_id = $2', [consumer, messageId]);
    return rows.length > 0;
  }

  /** A `Subscriber` handler that runs `work` once per event id, in the inbox's transaction. */
  handler<T>(consumer: string, work: (event: Envelope<T>, tx: SqlExecutor) => Promise<unknown>): EventHandler<T> {
    return async (event) => {
      await this.once(consumer, event.eventId, (tx) => work(event, tx));
    };
  }
}
