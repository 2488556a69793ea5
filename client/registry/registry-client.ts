import { RegistryHttp, type HttpOptions } from './http.js';
import { impactOf, type ImpactedVersion } from './impact.js';
import { Memo } from './memo.js';
import type {
  CompatibilityResult,
  ConsumerGroup,
  ReaderDeclaration,
  RegisterSchemaInput,
  RegistryConfig,
  Registered,
  SchemaById,
  SemverEntry,
  SubjectVersion,
  UpcastResult,
  ValidationResult,
} from './types.js';

export interface RegistryClientOptions extends HttpOptions {
  /** How long `latest`, semver lists and reader declarations are trusted. Default 5,000 ms. */
  latestTtlMs?: number;
}

/** A version selector: integer, `'latest'` or a semver such as `'2.0.0'`. */
export type VersionRef = number | 'latest' | string;

const enc = encodeURIComponent;

/**
 * HTTP client for a Charter (or Confluent) schema registry. Schemas by id and fixed versions are
 * cached forever (they are immutable); `latest`, semver lists and readers for `latestTtlMs`.
 * Concurrent fetches of the same thing share one request.
 *
 * @example
 *   const registry = new RegistryClient({ url: 'http://localhost:8081', auth: { token } });
 *   const v = await registry.getVersion('order.OrderPlaced', '2.0.0');
 */
export class RegistryClient {
  private readonly http: RegistryHttp;
  private readonly ttl: number;
  private readonly versions = new Memo<SubjectVersion>();
  private readonly schemas = new Memo<SchemaById>();
  private readonly lists = new Memo<unknown>();

  constructor(options: RegistryClientOptions) {
    this.http = new RegistryHttp(options);
    this.ttl = options.latestTtlMs ?? 5_000;
  }

  /** The registry's base URL, without a trailing slash. */
  get url(): string {
    return this.http.url;
  }

  // ── Confluent API ──────────────────────────────────────────────────────────────────────────

  async register(subject: string, input: RegisterSchemaInput): Promise<Registered> {
    const body = { ...input, schemaType: 'JSON', schema: asText(input.schema) };
    const registered = await this.http.request<Registered>('POST', `/subjects/${enc(subject)}/versions`, body);
    this.versions.delete(key(subject, 'latest'));
    this.lists.delete(`semvers:${subject}`);
    return registered;
  }

  /** Is this schema registered under the subject? Throws `SchemaNotFoundError` when not. */
  lookup(subject: string, schema: string | object): Promise<SubjectVersion> {
    return this.http.request('POST', `/subjects/${enc(subject)}`, { schema: asText(schema), schemaType: 'JSON' });
  }

  getSubjects(): Promise<string[]> {
    return this.http.request('GET', '/subjects');
  }

  getVersions(subject: string): Promise<number[]> {
    return this.http.request('GET', `/subjects/${enc(subject)}/versions`);
  }

  getVersion(subject: string, version: VersionRef): Promise<SubjectVersion> {
    const ttl = version === 'latest' ? this.ttl : Infinity;
    return this.versions.get(key(subject, version), ttl, async () => {
      const found = await this.http.request<SubjectVersion>('GET', `/subjects/${enc(subject)}/versions/${enc(String(version))}`);
      // One fetch fills all three keys, so a later lookup by number or semver is free.
      this.versions.set(key(subject, found.version), found);
      if (found.semver !== undefined) this.versions.set(key(subject, found.semver), found);
      const { schema, references, metadata, ruleSet, guid } = found;
      this.schemas.set(`id:${found.id}`, { schema, schemaType: 'JSON', references, metadata, ruleSet, guid });
      return found;
    });
  }

  getLatest(subject: string): Promise<SubjectVersion> {
    return this.getVersion(subject, 'latest');
  }

  getSchemaById(id: number): Promise<SchemaById> {
    return this.schemas.get(`id:${id}`, Infinity, () => this.http.request('GET', `/schemas/ids/${id}`));
  }

  /** A schema by its GUID (the header-based Confluent framing's name for it). GUIDs name content: cached forever. */
  getSchemaByGuid(guid: string): Promise<SchemaById> {
    return this.schemas.get(`guid:${guid}`, Infinity, () => this.http.request('GET', `/schemas/guids/${enc(guid)}`));
  }

  /** The ids carrying a GUID, one per context (the default context's is `'.'`). */
  getIdsByGuid(guid: string): Promise<Array<{ context: string; id: number }>> {
    return this.list(`guid-ids:${guid}`, () => this.http.request('GET', `/schemas/guids/${enc(guid)}/ids`));
  }

  /** Where a schema id is registered. Cached briefly: the same schema may be registered elsewhere later. */
  getSubjectVersionsById(id: number): Promise<Array<{ subject: string; version: number }>> {
    return this.list(`ids:${id}`, () => this.http.request('GET', `/schemas/ids/${id}/versions`));
  }

  /**
   * Ids of the schemas that reference this version (`GET …/versions/{v}/referencedby`). Not cached:
   * a new referencing version may be registered at any time.
   */
  referencedBy(subject: string, version: VersionRef): Promise<number[]> {
    return this.http.request('GET', `/subjects/${enc(subject)}/versions/${enc(String(version))}/referencedby`);
  }

  /**
   * The subject-versions a change of this shared version touches: those referencing it, directly
   * or through other shared schemas, sorted by subject then version (see `impactOf`).
   *
   * @example
   *   await registry.impactOf('common.Money', '1.0.0'); // [{ subject: 'order.OrderPlaced', version: 3, direct: true }]
   */
  impactOf(subject: string, version: VersionRef): Promise<ImpactedVersion[]> {
    return impactOf(this, subject, version);
  }

  testCompatibility(subject: string, schema: string | object, version: VersionRef = 'latest'): Promise<CompatibilityResult> {
    const path = `/compatibility/subjects/${enc(subject)}/versions/${enc(String(version))}?verbose=true`;
    return this.http.request('POST', path, { schema: asText(schema), schemaType: 'JSON' });
  }

  /** A subject's own config (404 when it has none), or with `defaultToGlobal` the config in effect. */
  getConfig(subject?: string, defaultToGlobal = false): Promise<RegistryConfig> {
    const query = defaultToGlobal ? '?defaultToGlobal=true' : '';
    return this.http.request('GET', subject === undefined ? '/config' : `/config/${enc(subject)}${query}`);
  }

  setConfig(subject: string | undefined, compatibility: string): Promise<{ compatibility: string }> {
    return this.http.request('PUT', subject === undefined ? '/config' : `/config/${enc(subject)}`, { compatibility });
  }

  // ── Charter extensions ─────────────────────────────────────────────────────────────────────

  /** Every version of a subject with its semver, oldest first. */
  getSemvers(subject: string): Promise<SemverEntry[]> {
    return this.list(`semvers:${subject}`, () => this.http.request('GET', `/subjects/${enc(subject)}/semvers`));
  }

  /** Server-side migration of one event between two versions (numbers or semvers). */
  upcast<T = unknown>(subject: string, event: unknown, from: VersionRef, to: VersionRef): Promise<UpcastResult<T>> {
    return this.http.request('POST', `/subjects/${enc(subject)}/upcast`, { event, from, to });
  }

  validate(subject: string, version: VersionRef, event: unknown): Promise<ValidationResult> {
    return this.http.request('POST', `/subjects/${enc(subject)}/versions/${enc(String(version))}/validate`, { event });
  }

  /** Declares which range of each subject a consumer group reads, e.g. `{ 'order.OrderPlaced': '^2.0.0' }`. */
  async setConsumer(group: string, subjects: Record<string, string>): Promise<ConsumerGroup> {
    const result = await this.http.request<ConsumerGroup>('PUT', `/consumers/${enc(group)}`, subjects);
    for (const subject of Object.keys(subjects)) this.lists.delete(`readers:${subject}`);
    return result;
  }

  /** Every declared consumer group (`GET /consumers`), as `export` and the gate read them. */
  getConsumers(): Promise<ConsumerGroup[]> {
    return this.http.request('GET', '/consumers');
  }

  /** The example events a version was registered with (`GET /subjects/{s}/versions/{v}/examples`). */
  getExamples(subject: string, version: VersionRef): Promise<unknown[]> {
    return this.http.request('GET', `/subjects/${enc(subject)}/versions/${enc(String(version))}/examples`);
  }

  getConsumer(group: string): Promise<ConsumerGroup> {
    return this.http.request('GET', `/consumers/${enc(group)}`);
  }

  getReaders(subject: string): Promise<ReaderDeclaration[]> {
    return this.list(`readers:${subject}`, () => this.http.request('GET', `/subjects/${enc(subject)}/readers`));
  }

  private list<T>(cacheKey: string, load: () => Promise<T>): Promise<T> {
    return this.lists.get(cacheKey, this.ttl, load) as Promise<T>;
  }
}

function key(subject: string, version: VersionRef): string {
  return `${subject}\u0000${version}`;
}

function asText(schema: string | object): string {
  return typeof schema === 'string' ? schema : JSON.stringify(schema);
}
