import { randomUUID } from 'node:crypto';

/** Which contract an event was written with: subject, semver and the registry's global id. */
export interface SchemaRef {
  subject: string;
  version: string;
  id: number;
}

export interface EventMetadata {
  correlationId: string;
  causationId?: string;
  userId?: string;
  source: string;
  [extra: string]: unknown;
}

/**
 * Which contract an envelope's data follows. `id` is the registry's global schema id: the codec
 * always fills it; an envelope made by a generated `create()` has it only when `schemaId` was given.
 */
export interface EnvelopeSchema<Subject extends string = string, Semver extends string = string> {
  subject: Subject;
  version: Semver;
  id?: number;
}

/**
 * The event envelope every Charter producer writes, and the type of every generated
 * `…Envelope` (codegen narrows `Subject`, `Semver` and `EventType` to literals). `version` is the
 * aggregate's version (event sourcing); `schema.version` is the contract's semver.
 */
export interface Envelope<T = unknown, Subject extends string = string, Semver extends string = string, EventType extends string = string> {
  eventType: EventType;
  eventId: string;
  timestamp: string;
  aggregateId?: string;
  aggregateType?: string;
  version?: number;
  schema: EnvelopeSchema<Subject, Semver>;
  data: T;
  metadata: EventMetadata;
}

/** A fresh, sortable-enough unique event id. */
export function newEventId(): string {
  return `evt_${randomUUID()}`;
}

/**
 * Metadata for an event caused by `previous`: same correlation, causation = the previous event's id.
 *
 * @example
 *   await codec.encode('payment.PaymentRequested', data, { metadata: causedBy(orderPlaced) });
 */
export function causedBy(previous: Pick<Envelope, 'eventId' | 'metadata'>): Pick<EventMetadata, 'correlationId' | 'causationId'> & Partial<EventMetadata> {
  const { correlationId } = previous.metadata;
  const userId = previous.metadata.userId;
  return userId === undefined
    ? { correlationId, causationId: previous.eventId }
    : { correlationId, causationId: previous.eventId, userId };
}

/** Metadata that starts a new conversation: a new correlation id, caused by `commandId` if given. */
export function startsConversation(commandId?: string): Pick<EventMetadata, 'correlationId' | 'causationId'> {
  return { correlationId: `corr_${randomUUID()}`, causationId: commandId };
}

/** `order.OrderPlaced` → `OrderPlaced`; `orders-value` → `orders-value`. */
export function eventTypeOf(subject: string): string {
  const dot = subject.lastIndexOf('.');
  return dot === -1 ? subject : subject.slice(dot + 1);
}

/** Structural check used when sniffing decode input. */
export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.schema === 'object' && v.schema !== null && 'data' in v && typeof v.eventId === 'string';
}
