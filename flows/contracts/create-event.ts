import { randomUUID } from 'node:crypto';
import { InvalidEventError, type Envelope, type EventMetadata, type RegistryClient } from '../../client/index.js';
import type { CreateMeta, Validator } from '../generated/index.js';

/** A generated event class (`flows/generated/<subject>/events.ts`): its names, factory and precompiled validator. */
export interface GeneratedContract<Data> {
  readonly subject: string;
  readonly semver: string;
  readonly eventType: string;
  readonly aggregateType: string;
  readonly validate: Validator<Data>;
  create(data: Data, meta: CreateMeta): Envelope<Data>;
}

export interface EventOptions {
  aggregateId: string;
  /** The aggregate's version after this event. Default 1. */
  version?: number;
  /** Default a fresh UUID; derived ids make a repeated write the same event. */
  eventId?: string;
  timestamp?: string;
  /** `correlationId` defaults to the event's own id: an event without a cause starts a conversation. */
  metadata: Partial<EventMetadata> & { source: string };
}

/**
 * The flows' one way to make an event: the generated, precompiled validator checks the data (no
 * schema is compiled at run time), then the generated factory wraps it in its envelope at the
 * contract's version. Invalid data throws the SDK's `InvalidEventError` (code INVALID_EVENT), as
 * `EventCodec.encode` would, so nothing invalid reaches the store or the outbox.
 *
 * The registry is asked only for the version's global schema id (the store keeps it with each
 * event), once per contract: the client caches a pinned version for good.
 */
export async function createEvent<Data>(registry: RegistryClient, contract: GeneratedContract<Data>, data: Data, options: EventOptions): Promise<Envelope<Data>> {
  if (!contract.validate(data)) {
    throw new InvalidEventError('INVALID_EVENT', `event does not match ${contract.subject}@${contract.semver}`, { errors: contract.validate.errors ?? [] });
  }
  const { id: schemaId } = await registry.getVersion(contract.subject, contract.semver);
  const eventId = options.eventId ?? randomUUID();
  const { correlationId = eventId, causationId, userId, source } = options.metadata;
  return contract.create(data, {
    eventId,
    aggregateId: options.aggregateId,
    version: options.version ?? 1,
    correlationId,
    ...(causationId === undefined ? {} : { causationId }),
    ...(userId === undefined ? {} : { userId }),
    source,
    schemaId,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
}
