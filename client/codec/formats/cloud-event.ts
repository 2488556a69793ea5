import type { Envelope } from '../envelope.js';
import { fromUtf8, toBytes, type Format, type FormatContext, type WireMessage } from './wire-message.js';

/** A CloudEvents 1.0 event in structured form. Extension attribute names are lower-case by spec. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  datacontenttype: 'application/json';
  /** The registry URL of the writer schema, when the envelope carries its id. */
  dataschema?: string;
  subject?: string;
  data: T;
  [extension: string]: unknown;
}

/**
 * The envelope as a CloudEvent. `type` is the registry subject, `dataschema` the registry URL of
 * the writer schema, `subject` the aggregate id; everything else is an extension attribute.
 */
export function toCloudEvent<T>(envelope: Envelope<T>, context: FormatContext): CloudEvent<T> {
  const { metadata, schema } = envelope;
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: envelope.eventId,
    source: metadata.source,
    type: schema.subject,
    time: envelope.timestamp,
    datacontenttype: 'application/json',
    ...(schema.id === undefined ? {} : { dataschema: `${context.registryUrl}/schemas/ids/${schema.id}` }),
    data: envelope.data,
    eventtype: envelope.eventType,
    schemaversion: schema.version,
    correlationid: metadata.correlationId,
  };
  if (envelope.aggregateId !== undefined) event.subject = envelope.aggregateId;
  if (envelope.aggregateType !== undefined) event.aggregatetype = envelope.aggregateType;
  if (envelope.version !== undefined) event.aggregateversion = envelope.version;
  if (metadata.causationId !== undefined) event.causationid = metadata.causationId;
  if (metadata.userId !== undefined) event.userid = metadata.userId;
  return event;
}

export function isCloudEvent(value: unknown): value is CloudEvent {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).specversion === '1.0';
}

/** Rebuilds the envelope from a structured CloudEvent written by `toCloudEvent`. */
export function fromCloudEvent<T>(event: CloudEvent<T>): Envelope<T> {
  const id = Number(/\/schemas\/ids\/(\d+)$/.exec(event.dataschema ?? '')?.[1] ?? NaN);
  const str = (key: string): string | undefined => (typeof event[key] === 'string' ? (event[key] as string) : undefined);
  const aggregateVersion = event.aggregateversion === undefined ? undefined : Number(event.aggregateversion);
  return {
    eventType: str('eventtype') ?? event.type,
    eventId: event.id,
    timestamp: event.time,
    aggregateId: event.subject,
    aggregateType: str('aggregatetype'),
    version: aggregateVersion,
    schema: { subject: event.type, version: str('schemaversion') ?? '', id },
    data: event.data,
    metadata: {
      correlationId: str('correlationid') ?? event.id,
      causationId: str('causationid'),
      userId: str('userid'),
      source: event.source,
    },
  };
}

/** Structured mode: the whole CloudEvent is the JSON body. */
export const cloudEventStructured: Format = {
  name: 'cloudevents-structured',
  write(envelope, context) {
    const body = toBytes(JSON.stringify(toCloudEvent(envelope, context)));
    return { body, headers: { 'content-type': 'application/cloudevents+json' } };
  },
};

/** Binary mode: attributes become `ce-` headers, the body is the event's data alone. */
export const cloudEventBinary: Format = {
  name: 'cloudevents-binary',
  write(envelope, context) {
    const { data, ...attributes } = toCloudEvent(envelope, context);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [key, value] of Object.entries(attributes)) {
      if (key !== 'datacontenttype' && value !== undefined) headers[`ce-${key}`] = String(value);
    }
    return { body: toBytes(JSON.stringify(data)), headers };
  },
};

export function isBinaryCloudEvent(message: WireMessage): boolean {
  return message.headers['ce-specversion'] !== undefined || message.headers['ce_specversion'] !== undefined;
}

/** Reads a binary-mode message (HTTP `ce-` or Kafka `ce_` header prefix) back into a CloudEvent. */
export function fromBinaryCloudEvent(message: WireMessage): CloudEvent {
  const event: Record<string, unknown> = { datacontenttype: 'application/json' };
  for (const [key, value] of Object.entries(message.headers)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('ce-') || lower.startsWith('ce_')) event[lower.slice(3)] = value;
  }
  event.data = JSON.parse(fromUtf8.decode(message.body));
  return event as CloudEvent;
}
