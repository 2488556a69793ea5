import type { EventMetadata, Publisher } from '../../client/index.js';
import { ConcurrencyError } from '../event-store/index.js';
import { decide } from './decide.js';
import type { OrderCommand } from './order-commands.js';
import type { OrderRepository } from './order-repository.js';
import type { OrderRuleViolation } from './order-rules.js';
import { evolve, type OrderState } from './order-state.js';

export type CommandResult = { ok: true; state: OrderState; version: number } | ({ ok: false } & OrderRuleViolation);

export interface OrderServiceOptions {
  repository: OrderRepository;
  publisher: Publisher;
  /** Attempts when another writer appends to the same order meanwhile. Default 3. */
  maxAttempts?: number;
}

/**
 * The Order command handlers. Each command: (1) load the order from its history, (2) decide,
 * (3) append with the version it was loaded at, (4) publish what was appended. A concurrent
 * append makes step 3 fail; the handler then starts again from step 1, against the new history.
 *
 * Hazard: the publish in step 4 happens after the commit. A crash in between leaves the events
 * stored but unpublished; a relay reading the store's log (a `StoreSubscription`) closes that gap
 * when at-least-once delivery matters more than latency.
 */
export class OrderService {
  private readonly options: Required<OrderServiceOptions>;

  constructor(options: OrderServiceOptions) {
    this.options = { maxAttempts: 3, ...options };
  }

  async handle(command: OrderCommand, metadata: Partial<EventMetadata> = {}): Promise<CommandResult> {
    const { repository, publisher, maxAttempts } = this.options;
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await repository.load(command.orderId);
      const decision = decide(command, state);
      if (!decision.ok) return decision;
      try {
        const envelopes = await repository.save(command.orderId, decision.events, version, metadata);
        for (const envelope of envelopes) await publisher.publishEnvelope(envelope);
        return { ok: true, state: decision.events.reduce(evolve, state), version: version + envelopes.length };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  /** The order as its history says it is now. */
  async get(orderId: string): Promise<OrderState> {
    return (await this.options.repository.load(orderId)).state;
  }
}
