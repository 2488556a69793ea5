import type { Envelope, EventCodec, EventMetadata, Outbox } from '../../client/index.js';
import type { SqlExecutor } from '../../server/storage/sql-driver.js';

/** A generated contract class: what `emit` needs to encode at the version this service writes. */
export interface Contract {
  readonly subject: string;
  readonly semver: string;
  readonly aggregateType?: string;
}

/**
 * Encodes (validates) an event at its contract version and puts it in the outbox in `tx`: it is
 * published after the transaction commits, and never if it rolls back.
 */
export async function emit<T>(
  deps: { codec: EventCodec; outbox: Outbox },
  tx: SqlExecutor,
  contract: Contract,
  data: T,
  options: { aggregateId: string; metadata: Partial<EventMetadata> },
): Promise<Envelope<T>> {
  const envelope = await deps.codec.encode(contract.subject, data, {
    version: contract.semver,
    aggregateId: options.aggregateId,
    aggregateType: contract.aggregateType,
    metadata: options.metadata,
  });
  await deps.outbox.enqueue(tx, [envelope]);
  return envelope;
}
