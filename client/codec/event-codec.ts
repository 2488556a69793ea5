import { RegistryError } from '../../core/errors/index.js';
import { InvalidEventError, NoMigrationPathError, SchemaNotFoundError } from '../registry/errors.js';
import type { RegistryClient } from '../registry/registry-client.js';
import { ReaderResolver } from '../negotiate/reader-resolver.js';
import { writerVersion } from '../negotiate/writer-version.js';
import { ChainCache } from './chain-cache.js';
import { failure, type DecodeResult } from './decode-result.js';
import { eventTypeOf, newEventId, type Envelope, type EventMetadata, type SchemaRef } from './envelope.js';
import type { AcceptedEvent, AnyVersionEvent, DataOf, IfTyped, IfUntyped, LatestEvent, SemverOf, SubjectOf, Untyped, VersionsOf } from './event-map.js';
import type { Format, WireMessage } from './formats/wire-message.js';
import { readInput, type DecodeInput, type ReadInput } from './read-input.js';
import { SchemaCache, type CompiledVersion } from './schema-cache.js';

export interface EventCodecOptions {
  registry: RegistryClient;
  /** `metadata.source` when `encode` is not given one, e.g. `'order-service'`. */
  source?: string;
  /** How long `latest` and a resolved `accept` range are trusted before a refresh. Default 5,000 ms. */
  readerTtlMs?: number;
  /** Event id generator. Default `evt_<uuid>`. */
  newEventId?: () => string;
  clock?: () => Date;
}

export interface EncodeOptions {
  /** The writer version: number, semver or `'latest'` (default). */
  version?: number | string;
  /** Write the highest version every declared reader accepts, downcasting if needed. */
  negotiate?: boolean;
  eventType?: string;
  eventId?: string;
  timestamp?: string;
  aggregateId?: string;
  aggregateType?: string;
  /** The aggregate's version (event sourcing), written as the envelope's `version`. */
  aggregateVersion?: number;
  /** Merged over a fresh correlation id and the codec's source; see `causedBy`. */
  metadata?: Partial<EventMetadata>;
}

export interface DecodeOptions {
  /** Semver range the reader accepts, e.g. `'^2.0.0'`. Omitted: the writer's own version. */
  accept?: string;
  /** Subject of bare Confluent-framed bytes, when the schema id is registered under several. */
  subject?: string;
}

/** `EncodeOptions` of a codec typed by an event map: `version` is one of the subject's semvers. */
export type TypedEncodeOptions<M, S extends keyof M> = Omit<EncodeOptions, 'version'> & { version?: SemverOf<M, S> | 'latest' };

/** The envelope whose data a typed encode validates: the version named in the options, else the latest. */
export type WriterEvent<M, S extends keyof M, O> = O extends { version: infer V extends SemverOf<M, S> } ? VersionsOf<M, S>[V] : LatestEvent<M, S>;

/** The envelope a typed encode returns: the writer's, or with `negotiate` whichever version the readers take. */
export type EncodedEvent<M, S extends keyof M, O> = O extends { negotiate: true } ? AnyVersionEvent<M, S> : WriterEvent<M, S, O>;

/** `DecodeOptions` of a codec typed by an event map; a range no version of the map satisfies does not compile. */
export type TypedDecodeOptions<M, S extends SubjectOf<M>, R extends string | undefined> = { subject?: S; accept?: R } & ([AcceptedEvent<M, S, R>] extends [never] ? { accept: never } : unknown);

const NOT_FOUND = new Set(['SUBJECT_NOT_FOUND', 'VERSION_NOT_FOUND', 'SCHEMA_NOT_FOUND', 'ROUTE_NOT_FOUND']);

/**
 * Turns data into validated envelopes and any wire format back into events in the reader's version.
 * Validators and migration chains are compiled once; a decode whose schemas are cached makes no
 * HTTP call.
 *
 * Typed by a generated event map (`new EventCodec<EventMap>(…)`), `encode` checks the subject, the
 * version and the data, and `decode` returns the envelopes of the versions `accept` admits.
 *
 * @example
 *   const codec = new EventCodec({ registry, source: 'order-service' });
 *   const envelope = await codec.encode('order.OrderPlaced', order, { aggregateId: order.orderId });
 *   const result = await codec.decode(codec.serialize(envelope, confluentWire), { accept: '^2.0.0' });
 *   if (result.ok) handle(result.event.data); else deadLetter(result.reason, result.message);
 */
export class EventCodec<M extends object = Untyped> {
  readonly registry: RegistryClient;
  private readonly schemas: SchemaCache;
  private readonly chains: ChainCache;
  private readonly readers: ReaderResolver;
  private readonly source: string;
  private readonly newId: () => string;
  private readonly timestamp: () => string;
  private readonly formatContext: { registryUrl: string };

  constructor(options: EventCodecOptions) {
    this.registry = options.registry;
    this.schemas = new SchemaCache(options.registry, options.readerTtlMs ?? 5_000);
    this.chains = new ChainCache(this.schemas);
    this.readers = new ReaderResolver(this.schemas, options.readerTtlMs ?? 5_000);
    this.source = options.source ?? 'unknown';
    this.newId = options.newEventId ?? newEventId;
    this.formatContext = Object.freeze({ registryUrl: options.registry.url });
    const clock = options.clock;
    this.timestamp = clock === undefined ? isoNow : () => clock().toISOString();
  }

  /** Validates `data` against the writer version and wraps it in an envelope. Throws `InvalidEventError`. */
  encode<T>(subject: IfUntyped<M, string>, data: T, options?: EncodeOptions): Promise<Envelope<T>>;
  /** Typed: `data` must be the latest version's (or `options.version`'s); the envelope has the literal subject and semver. */
  encode<S extends SubjectOf<M>, const O extends TypedEncodeOptions<M, S> = {}>(subject: S, data: DataOf<WriterEvent<M, S, O>>, options?: O): Promise<EncodedEvent<M, S, O>>;
  // The overloads type the caller's side; `unknown` here lets both share one body.
  async encode(subject: string, data: unknown, options: EncodeOptions = {}): Promise<unknown> {
    const version = options.version ?? 'latest';
    let writer = this.schemas.peek(subject, version) ?? (await this.schemas.get(subject, version));
    assertValid(writer, data);
    if (options.negotiate === true) {
      const target = await this.negotiated(writer);
      if (target.version !== writer.version) {
        const chain = await this.chains.get(writer, target);
        data = await chain.run(data);
        assertValid(target, data);
        writer = target;
      }
    }
    const eventId = options.eventId ?? this.newId();
    // An event that starts a conversation correlates with itself (no second id to generate).
    const metadata: EventMetadata = { correlationId: eventId, source: this.source, ...options.metadata };
    return {
      eventType: options.eventType ?? eventTypeOf(subject),
      eventId,
      timestamp: options.timestamp ?? this.timestamp(),
      aggregateId: options.aggregateId,
      aggregateType: options.aggregateType,
      version: options.aggregateVersion,
      schema: refOf(writer),
      data,
      metadata,
    };
  }

  /** Puts an envelope on the wire in one of the formats (`jsonEnvelope`, `confluentWire`, CloudEvents). */
  serialize(envelope: Envelope, format: Format): WireMessage {
    return format.write(envelope, this.formatContext);
  }

  /**
   * Reads any supported input, validates it against the writer version, migrates it to the highest
   * registered version in `accept` and validates it there. Expected failures come back as data;
   * only infrastructure failures (registry unreachable) throw.
   */
  decode<T = unknown>(input: IfUntyped<M, DecodeInput>, options?: DecodeOptions): Promise<DecodeResult<T>>;
  /** Typed: the event is the envelope of a version `accept` admits (of `subject`, or of any subject). */
  decode<S extends SubjectOf<M> = SubjectOf<M>, const R extends string | undefined = undefined>(
    input: IfTyped<M, DecodeInput>,
    options?: TypedDecodeOptions<M, S, R>,
  ): Promise<DecodeResult<unknown, AcceptedEvent<M, S, R>>>;
  async decode(input: DecodeInput, options: DecodeOptions = {}): Promise<unknown> {
    let read: ReadInput;
    try {
      read = readInput(input);
    } catch (error) {
      return failure('invalid', `unreadable input: ${(error as Error).message}`);
    }
    let writer: CompiledVersion;
    try {
      writer = this.peekWriter(read, options) ?? (await this.fetchWriter(read, options));
    } catch (error) {
      if (error instanceof RegistryError && NOT_FOUND.has(error.code)) return failure('unknown-schema', error.message);
      throw error;
    }
    const writerRef = refOf(writer);
    const writerErrors = writer.validate(read.data);
    if (writerErrors !== undefined) {
      return failure('invalid', `event does not match its writer schema ${writer.subject}@${writer.semver}`, { errors: writerErrors, writer: writerRef });
    }
    let reader = writer;
    if (options.accept !== undefined) {
      const cached = this.readers.peek(writer.subject, options.accept);
      const found = cached === null ? await this.readers.get(writer.subject, options.accept) : cached;
      if (found === undefined) {
        return failure('no-migration-path', `no version of ${writer.subject} satisfies ${options.accept}`, { writer: writerRef });
      }
      reader = found;
    }
    let data = read.data;
    if (reader.version !== writer.version) {
      try {
        const chain = this.chains.peek(writer, reader) ?? (await this.chains.get(writer, reader));
        const migrated = chain.run(data);
        // Rules compiled to JavaScript answer synchronously; skip the await (a microtask) when they do.
        data = migrated instanceof Promise ? await migrated : migrated;
      } catch (error) {
        if (error instanceof RegistryError && error.code === 'STORE_UNAVAILABLE') throw error;
        return failure('no-migration-path', `cannot migrate ${writer.subject} ${writer.semver} → ${reader.semver}: ${(error as Error).message}`, { writer: writerRef });
      }
      const readerErrors = reader.validate(data);
      if (readerErrors !== undefined) {
        return failure('invalid', `migrated event does not match reader schema ${reader.subject}@${reader.semver}`, { errors: readerErrors, writer: writerRef });
      }
    }
    const readerRef = refOf(reader);
    const event = { ...(read.envelope ?? bareEnvelope(writer)), schema: readerRef, data };
    return { ok: true, event, writer: writerRef, reader: readerRef };
  }

  /** Counts of what is compiled and held, for capacity planning and benchmarks. */
  stats(): { schemas: number; chains: number } {
    return { schemas: this.schemas.size, chains: this.chains.size };
  }

  private peekWriter(read: ReadInput, options: DecodeOptions): CompiledVersion | undefined {
    const subject = read.subject ?? options.subject;
    if (subject !== undefined && read.semver !== undefined) return this.schemas.peek(subject, read.semver);
    if (read.id === undefined) return undefined;
    const hit = this.schemas.peekId(read.id);
    return hit !== undefined && (subject === undefined || hit.subject === subject) ? hit : undefined;
  }

  private fetchWriter(read: ReadInput, options: DecodeOptions): Promise<CompiledVersion> {
    const subject = read.subject ?? options.subject;
    if (subject !== undefined && read.semver !== undefined) return this.schemas.get(subject, read.semver);
    if (read.id !== undefined) return this.schemas.getById(read.id, subject);
    const message = 'input names neither a schema version nor a schema id';
    return Promise.reject(new SchemaNotFoundError('SCHEMA_NOT_FOUND', message));
  }

  private async negotiated(own: CompiledVersion): Promise<CompiledVersion> {
    const [readers, all] = await Promise.all([this.registry.getReaders(own.subject), this.schemas.all(own.subject)]);
    const target = writerVersion(all.map((v) => v.semver), readers.map((r) => r.range), own.semver);
    if (target === undefined) {
      const ranges = readers.map((r) => `${r.group} ${r.range}`).join(', ');
      throw new NoMigrationPathError('NO_MIGRATION_PATH', `no version of ${own.subject} satisfies every reader (${ranges})`, { readers });
    }
    return all.find((v) => v.semver === target) ?? own;
  }
}

// Formatting a date costs more than the rest of the envelope; events in the same millisecond share it.
let lastMs = 0;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function assertValid(version: CompiledVersion, data: unknown): void {
  const errors = version.validate(data);
  if (errors !== undefined) {
    throw new InvalidEventError('INVALID_EVENT', `event does not match ${version.subject}@${version.semver}`, { errors });
  }
}

function refOf(version: CompiledVersion): SchemaRef {
  return version.ref;
}

function bareEnvelope(writer: CompiledVersion): Envelope {
  return { eventType: eventTypeOf(writer.subject), eventId: '', timestamp: '', schema: refOf(writer), data: undefined, metadata: { correlationId: '', source: '' } };
}
