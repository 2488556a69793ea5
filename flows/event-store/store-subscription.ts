import type { SqlExecutor } from '../../server/storage/sql-driver.js';
import { sqlCheckpoints, type CheckpointStore } from './checkpoints.js';
import type { EventStore } from './event-store.js';
import { logStart, type LogPosition } from './log-position.js';
import type { RecordedEvent } from './recorded-event.js';

/** Handles one batch inside the transaction that also moves the checkpoint. */
export type BatchHandler = (events: RecordedEvent[], tx: SqlExecutor) => Promise<void>;

export interface StoreSubscriptionOptions {
  /** Names the checkpoint: one position per name. */
  name: string;
  handle: BatchHandler;
  batchSize?: number;
  /** How often `start()` looks for new events. Default 25 ms. */
  pollMs?: number;
  /** Default `sqlCheckpoints` (durable). */
  checkpoints?: CheckpointStore;
  /** Called after a batch's transaction committed (never for one that rolled back). */
  afterCommit?: (events: RecordedEvent[]) => void;
}

/**
 * Reads the store's global log from its last checkpoint, in order, a batch at a time. Each batch
 * and its checkpoint commit together, so a restarted subscription resumes exactly where it stopped.
 *
 * @example
 *   const sub = new StoreSubscription(store, { name: 'order-summaries', handle: projection.apply });
 *   await sub.catchUp();   // or sub.start() to keep following
 */
export class StoreSubscription {
  private readonly options: Required<StoreSubscriptionOptions>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(
    private readonly store: EventStore,
    options: StoreSubscriptionOptions,
  ) {
    this.options = { batchSize: 500, pollMs: 25, checkpoints: sqlCheckpoints, afterCommit: () => undefined, ...options };
  }

  get name(): string {
    return this.options.name;
  }

  /** Handles every event written before the call; returns how many. Calls queue behind each other. */
  async catchUp(): Promise<number> {
    // A run already in progress may have read the log before the caller's latest write: wait, then run again.
    while (this.running !== undefined) await this.running.catch(() => undefined);
    const run = this.drain().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** Follows the log until `stop()`. Errors are retried on the next poll (the batch rolled back). */
  start(onError: (error: unknown) => void = () => undefined): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      try {
        await this.catchUp();
      } catch (error) {
        onError(error);
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Moves the checkpoint back to the start, for a rebuild; `clear` (e.g. emptying a table) commits with it. */
  async reset(clear?: (tx: SqlExecutor) => Promise<void>): Promise<void> {
    await this.store.db.transaction(async (tx) => {
      await this.options.checkpoints.load(this.name, tx);
      await clear?.(tx);
      await this.options.checkpoints.save(this.name, logStart, tx);
    });
  }

  /** The log position of the last event handled. */
  position(): Promise<LogPosition> {
    return this.store.db.transaction((tx) => this.options.checkpoints.load(this.name, tx));
  }

  private async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const events = await this.store.db.transaction(async (tx) => {
        const after = await this.options.checkpoints.load(this.name, tx);
        const batch = await this.store.readAll({ after, limit: this.options.batchSize }, tx);
        if (batch.length === 0) return batch;
        await this.options.handle(batch, tx);
        const last = batch[batch.length - 1];
        await this.options.checkpoints.save(this.name, { transactionId: last.transactionId, position: last.globalPosition }, tx);
        return batch;
      });
      const count = events.length;
      if (count > 0) this.options.afterCommit(events);
      handled += count;
      if (count < this.options.batchSize) return handled;
    }
  }
}
