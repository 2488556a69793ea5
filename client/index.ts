/**
 * Charter's client SDK (`charter/client`): the registry client, the event codec (envelopes, wire
 * formats, validation, migration), version negotiation helpers and transports.
 */
export { RegistryClient, type RegistryClientOptions, type VersionRef } from './registry/registry-client.js';
export type { RegistryAuth } from './registry/http.js';
export { impactOf, type ImpactedVersion, type ReferenceGraph } from './registry/impact.js';
export {
  SubjectNotFoundError,
  VersionNotFoundError,
  SchemaNotFoundError,
  IncompatibleSchemaError,
  InvalidSchemaError,
  InvalidEventError,
  NoMigrationPathError,
  RegistryUnavailableError,
  errorFromResponse,
} from './registry/errors.js';
export type {
  SchemaReference,
  MigrationRule,
  RuleSet,
  SubjectVersion,
  SchemaById,
  SchemaMetadata,
  DomainRule,
  RegisterSchemaInput,
  Registered,
  CompatibilityResult,
  SemverEntry,
  UpcastResult,
  ValidationResult,
  ConsumerGroup,
  ReaderDeclaration,
  RegistryConfig,
} from './registry/types.js';

export { DomainRuleViolation } from '../core/rules/index.js';
export {
  EventCodec,
  type EventCodecOptions,
  type EncodeOptions,
  type DecodeOptions,
  type TypedEncodeOptions,
  type TypedDecodeOptions,
  type WriterEvent,
  type EncodedEvent,
} from './codec/event-codec.js';
export type {
  Untyped,
  SubjectEvents,
  Handlers,
  SubjectOf,
  LatestEvent,
  VersionsOf,
  SemverOf,
  AnyVersionEvent,
  AnyEventOf,
  AcceptedEvent,
  Accepts,
  DataOf,
} from './codec/event-map.js';
export type { DecodeResult, DecodeSuccess, DecodeFailure, DecodeFailureReason } from './codec/decode-result.js';
export { causedBy, startsConversation, newEventId, eventTypeOf, type Envelope, type EnvelopeSchema, type EventMetadata, type SchemaRef } from './codec/envelope.js';
export type { DecodeInput, KafkaRecord } from './codec/read-input.js';
export type { Format, FormatContext, WireMessage } from './codec/formats/wire-message.js';
export { jsonEnvelope } from './codec/formats/json-envelope.js';
export {
  confluentWire,
  toConfluentWire,
  fromConfluentWire,
  toConfluentGuidWire,
  schemaIdHeader,
  guidOfSchemaIdHeader,
  VALUE_SCHEMA_ID_HEADER,
  KEY_SCHEMA_ID_HEADER,
} from './codec/formats/confluent-wire.js';
export {
  cloudEventStructured,
  cloudEventBinary,
  toCloudEvent,
  fromCloudEvent,
  fromBinaryCloudEvent,
  type CloudEvent,
} from './codec/formats/cloud-event.js';

export { readerVersion } from './negotiate/reader-version.js';
export { writerVersion } from './negotiate/writer-version.js';

export type { Transport, TransportMessage, TransportSubscription, MessageHandler, PublishOptions, TransportErrorContext, TransportErrorHandler } from './transport/transport.js';
export { MemoryBus } from './transport/memory-bus.js';
export { NatsTransport, type NatsTransportOptions } from './transport/nats-transport.js';
export { Publisher, type PublisherOptions } from './transport/publisher.js';
export { Subscriber, type SubscriberOptions, type SubscriberErrorContext, type SubscriberAction, type EventHandler, type AcceptedHandler, type Delivery } from './transport/subscriber.js';
export { deadLetter, deadLetterSubject, deadLetterHeaders, describeError, type DeadLetterCause } from './transport/dead-letter.js';

export { Outbox, OutboxRelay, Inbox, outboxSchema, inboxSchema, outboxChannel, type OutboxRelayOptions, type PublishEnvelope, type InboxOutcome, type SqlDatabase } from './outbox/index.js';
