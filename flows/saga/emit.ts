import type { Envelope, EventCodec, Outbox } from '../../client/index.js';
import type { SqlExecutor } from '../../server/storage/sql-driver.js';
import { createEvent, type EventOptions, type GeneratedContract } from '../contracts/create-event.js';

/** A generated contract class: what `emit` creates the event with, at the version this service writes. */
export type Contract<T> = GeneratedContract<T>;

/**
 * Creates an event with its generated factory (checked by the precompiled validator) and puts it in
 * the outbox in `tx`: it is published after the transaction commits, and never if it rolls back.
 */
export async function emit<T>(
  deps: { codec: EventCodec; outbox: Outbox },
  tx: SqlExecutor,
  contract: Contract<T>,
  data: T,
  options: Pick<EventOptions, 'aggregateId' | 'metadata'>,
): Promise<Envelope<T>> {
  const envelope = await createEvent(deps.codec.registry, contract, data, options);
  await deps.outbox.enqueue(tx, [envelope]);
  return envelope;
}
