import type { EventMetadata, Outbox } from '../../client/index.js';
import type { SqlDriver, SqlExecutor } from '../../server/storage/sql-driver.js';
import { ConcurrencyError } from '../event-store/index.js';
import { decide } from './decide.js';
import type { OrderCommand } from './order-commands.js';
import type { OrderRepository } from './order-repository.js';
import type { OrderRuleViolation } from './order-rules.js';
import { evolve, type OrderState } from './order-state.js';

export type CommandResult = { ok: true; state: OrderState; version: number } | ({ ok: false } & OrderRuleViolation);

export interface OrderServiceOptions {
  repository: OrderRepository;
  /** The event store's database: the append and the outbox rows commit in one transaction. */
  db: SqlDriver;
  outbox: Outbox;
  /** Attempts when another writer appends to the same order meanwhile. Default 3. */
  maxAttempts?: number;
}

/**
 * The Order command handlers. Each command, in one transaction: (1) load the order from its history,
 * (2) decide, (3) append with the version it was loaded at, (4) put the appended events in the
 * outbox. The relay publishes them after the commit, retrying until the broker has them, so an
 * order is never stored without its events eventually going out. A concurrent append makes step 3
 * fail; the handler then starts again from step 1, against the new history.
 */
export class OrderService {
  private readonly options: Required<OrderServiceOptions>;

  constructor(options: OrderServiceOptions) {
    this.options = { maxAttempts: 3, ...options };
  }

  /**
   * Handles a command in its own transaction (retrying on a concurrent writer), or inside `tx` when
   * the caller's transaction must also hold other work (an inbox record); there a conflict throws
   * `ConcurrencyError` for the caller to retry.
   */
  async handle(command: OrderCommand, metadata: Partial<EventMetadata> = {}, tx?: SqlExecutor): Promise<CommandResult> {
    if (tx !== undefined) return this.attempt(command, metadata, tx);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.db.transaction((t) => this.attempt(command, metadata, t));
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= this.options.maxAttempts) throw error;
      }
    }
  }

  /** The order as its history says it is now. */
  async get(orderId: string, tx?: SqlExecutor): Promise<OrderState> {
    return (await this.options.repository.load(orderId, tx)).state;
  }

  /** The correlation id the order was placed under (to recognise one's own earlier attempt). */
  async placedWith(orderId: string): Promise<string | undefined> {
    const [first] = await this.options.repository.history(orderId, 1);
    return first?.metadata.correlationId;
  }

  private async attempt(command: OrderCommand, metadata: Partial<EventMetadata>, tx: SqlExecutor): Promise<CommandResult> {
    const { repository, outbox } = this.options;
    const loaded = await repository.load(command.orderId, tx);
    const decision = decide(command, loaded.state);
    if (!decision.ok) return decision;
    const envelopes = await repository.save(command.orderId, decision.events, loaded, metadata, tx);
    await outbox.enqueue(tx, envelopes);
    return { ok: true, state: decision.events.reduce(evolve, loaded.state), version: loaded.version + envelopes.length };
  }
}
