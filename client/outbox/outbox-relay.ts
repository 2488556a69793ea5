import type { Envelope } from '../codec/envelope.js';
import { describeError } from '../transport/dead-letter.js';
import { outboxChannel, type Outbox } from './outbox.js';

/** Publishes one envelope; `Publisher.publishEnvelope` (which passes the event id as message id). */
export type PublishEnvelope = (envelope: Envelope) => Promise<void>;

export interface OutboxRelayOptions {
  outbox: Outbox;
  publish: PublishEnvelope;
  /** Rows read per round. Default 100. */
  batchSize?: number;
  /** Polling fallback when no NOTIFY arrives (another process, a lost connection). Default 1,000 ms. */
  pollMs?: number;
  /** First pause after a failed publish; doubles up to `maxBackoffMs`. Default 100 ms. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Told about every failed publish (with its envelope) or database failure (without); the row stays queued and is retried. */
  onError?: (error: unknown, envelope?: Envelope) => void;
  /**
   * Deleting published rows (kept only for audit) so the table does not grow for ever: every
   * `everyMs` (default 10 minutes) rows published more than `retentionMs` ago (default 24 hours) go.
   * Unpublished rows are never deleted. `false` keeps everything (prune it yourself with `Outbox.prune`).
   */
  prune?: { retentionMs?: number; everyMs?: number } | false;
}

interface Row {
  id: string;
  envelope: Envelope;
}

/**
 * Moves events from the outbox to the broker: oldest first, marking each published only after the
 * broker acknowledged it. A crash between the publish and the mark publishes the event again on the
 * next round, and the broker drops the repeat by its message id (the event id); consumers with an
 * `Inbox` are safe beyond the broker's de-duplication window too. Several relays may run at once
 * for the same reason.
 *
 * Woken by LISTEN/NOTIFY when an enqueueing transaction commits, with polling as the fallback.
 *
 * @example
 *   const relay = new OutboxRelay({ outbox, publish: (e) => publisher.publishEnvelope(e) });
 *   await relay.start();
 */
export class OutboxRelay {
  private readonly options: Required<Omit<OutboxRelayOptions, 'onError' | 'prune'>> & Pick<OutboxRelayOptions, 'onError'>;
  private readonly pruning: { retentionMs: number; everyMs: number } | undefined;
  private lastPruned = 0;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  /** When the scheduled tick fires (epoch ms); meaningful while `timer` is set. */
  private wakeAt = 0;
  private unlisten: (() => Promise<void>) | undefined;
  private failures = 0;
  /** Events published by this relay (including repeats the broker dropped). */
  published = 0;
  /** Publishes that failed and were left for a retry. */
  failed = 0;
  /** Published rows deleted by the scheduled pruning. */
  pruned = 0;

  constructor({ prune, ...options }: OutboxRelayOptions) {
    this.options = { batchSize: 100, pollMs: 1_000, backoffMs: 100, maxBackoffMs: 30_000, ...options };
    this.pruning = prune === false ? undefined : { retentionMs: 24 * 3_600_000, everyMs: 600_000, ...prune };
  }

  /**
   * Publishes everything queued now; returns how many. Stops at the first failed publish (that row
   * and the rest stay queued, in order) and rethrows nothing: failures go to `onError`.
   * Concurrent calls share one run, and a call during a run makes it go round once more.
   */
  async publishPending(): Promise<number> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      let total = 0;
      do {
        this.again = false;
        total += await this.drain();
      } while (this.again && this.failures === 0);
      return total;
    })().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** Keeps publishing until `stop()`: on NOTIFY, every `pollMs`, and after failures with backoff. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    const listen = this.options.outbox.db.listen;
    if (listen !== undefined) this.unlisten = await listen.call(this.options.outbox.db, outboxChannel, () => this.wake(0));
    this.wake(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * Schedules a tick in `delayMs`, unless one is already due sooner: a NOTIFY that arrives while a
   * tick is finishing must not be pushed back to the next poll by that tick's own rescheduling.
   */
  private wake(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer !== undefined && at >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    try {
      await this.publishPending();
      await this.pruneWhenDue();
    } catch (error) {
      // The database itself failed (the publishes' own failures never throw): count it as a failure.
      this.failures += 1;
      this.options.onError?.(error);
    }
    if (this.stopped) return;
    const { backoffMs, maxBackoffMs, pollMs } = this.options;
    this.wake(this.failures > 0 ? Math.min(backoffMs * 2 ** (this.failures - 1), maxBackoffMs) : pollMs);
  }

  /** Deletes old published rows when `prune.everyMs` has passed since the last time (the first tick prunes). */
  private async pruneWhenDue(): Promise<void> {
    if (this.pruning === undefined || Date.now() - this.lastPruned < this.pruning.everyMs) return;
    this.lastPruned = Date.now();
    this.pruned += await this.options.outbox.prune(this.pruning.retentionMs);
  }

  /** One pass over the queue, a batch at a time; stops at the first failed publish. */
  private async drain(): Promise<number> {
    const { outbox, publish, batchSize } = this.options;
    let total = 0;
    for (;;) {
      const { rows } = await outbox.db.query<Row>(
        'SELECT id::text AS id, envelope FROM charter_outbox WHERE published_at IS NULL ORDER BY id LIMIT $1',
        [batchSize],
      );
      const done: string[] = [];
      let failedRow: { row: Row; error: unknown } | undefined;
      for (const row of rows) {
        try {
          await publish(row.envelope);
          done.push(row.id);
        } catch (error) {
          failedRow = { row, error };
          break;
        }
      }
      if (done.length > 0) await outbox.db.query('UPDATE charter_outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])', [done]);
      this.published += done.length;
      total += done.length;
      if (failedRow !== undefined) {
        this.failed += 1;
        this.failures += 1;
        await outbox.db.query('UPDATE charter_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [failedRow.row.id, describeError(failedRow.error).slice(0, 1_000)]);
        this.options.onError?.(failedRow.error, failedRow.row.envelope);
        return total;
      }
      this.failures = 0;
      if (rows.length < batchSize) return total;
    }
  }
}
