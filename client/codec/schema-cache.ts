import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import { SchemaNotFoundError } from '../registry/errors.js';
import type { RegistryClient } from '../registry/registry-client.js';
import type { RuleSet, SchemaReference, SubjectVersion } from '../registry/types.js';
import type { SchemaRef } from './envelope.js';
import { compileEventValidator, type Validator } from './validator.js';

/** One registered version with its validator compiled: everything decode needs, held forever. */
export interface CompiledVersion {
  subject: string;
  version: number;
  semver: string;
  id: number;
  schema: JsonSchema;
  references: ReferencedSchemas;
  ruleSet?: RuleSet;
  validate: Validator;
  /** `{subject, version: semver, id}`, built once and frozen: decoded events share it. */
  ref: Readonly<SchemaRef>;
}

/**
 * Compiled versions keyed by subject+semver, subject+number and id. Lookups that hit are synchronous
 * (`peek…`), so a cached decode makes no HTTP call and no promise; misses go through the registry
 * client, which shares concurrent fetches.
 */
export class SchemaCache {
  // subject → (version number and semver) → compiled. Nested maps: no key strings built per lookup.
  private readonly bySubject = new Map<string, Map<number | string, CompiledVersion>>();
  private readonly byId = new Map<number, CompiledVersion>();
  private readonly latest = new Map<string, { version: CompiledVersion; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<CompiledVersion>>();

  constructor(
    private readonly registry: RegistryClient,
    private readonly latestTtlMs = 5_000,
  ) {}

  peek(subject: string, version: number | string): CompiledVersion | undefined {
    if (version === 'latest') {
      const entry = this.latest.get(subject);
      return entry !== undefined && entry.expiresAt > Date.now() ? entry.version : undefined;
    }
    return this.bySubject.get(subject)?.get(version);
  }

  peekId(id: number): CompiledVersion | undefined {
    return this.byId.get(id);
  }

  /** The compiled version for a number, semver or `'latest'` (trusted for `latestTtlMs`). */
  async get(subject: string, version: number | string): Promise<CompiledVersion> {
    const hit = this.peek(subject, version);
    if (hit !== undefined) return hit;
    const compiled = await this.compile(await this.registry.getVersion(subject, version));
    if (version === 'latest') this.latest.set(subject, { version: compiled, expiresAt: Date.now() + this.latestTtlMs });
    return compiled;
  }

  /** The version a schema id was registered as. With `subject`, the one under that subject. */
  async getById(id: number, subject?: string): Promise<CompiledVersion> {
    const hit = this.peekId(id);
    if (hit !== undefined && (subject === undefined || hit.subject === subject)) return hit;
    const where = await this.registry.getSubjectVersionsById(id);
    // `subject` is a preference: the same schema registered elsewhere still identifies the writer.
    const match = where.find((w) => w.subject === subject) ?? where[0];
    if (match === undefined) {
      throw new SchemaNotFoundError('SCHEMA_NOT_FOUND', `schema id ${id} is not registered under any subject`, { id });
    }
    return this.get(match.subject, match.version);
  }

  /** Every version of a subject, oldest first (for migration planning and range resolution). */
  async all(subject: string): Promise<CompiledVersion[]> {
    const entries = await this.registry.getSemvers(subject);
    return Promise.all(entries.map((e) => this.get(subject, e.version)));
  }

  get size(): number {
    return this.byId.size;
  }

  private compile(found: SubjectVersion): Promise<CompiledVersion> {
    const cacheKey = `${found.subject}@${found.version}`;
    const hit = this.peek(found.subject, found.version);
    if (hit !== undefined) return Promise.resolve(hit);
    let promise = this.pending.get(cacheKey);
    if (promise === undefined) {
      promise = this.build(found).finally(() => this.pending.delete(cacheKey));
      this.pending.set(cacheKey, promise);
    }
    return promise;
  }

  private async build(found: SubjectVersion): Promise<CompiledVersion> {
    // Ids are global: the same schema registered under another subject shares one validator.
    const twin = this.byId.get(found.id);
    const schema = twin?.schema ?? (JSON.parse(found.schema) as JsonSchema);
    const references = twin?.references ?? (await this.resolve(found.references ?? []));
    const compiled: CompiledVersion = {
      subject: found.subject,
      version: found.version,
      semver: found.semver,
      id: found.id,
      schema,
      references,
      ruleSet: found.ruleSet,
      validate: twin?.validate ?? compileEventValidator(schema, references),
      ref: Object.freeze({ subject: found.subject, version: found.semver, id: found.id }),
    };
    let versions = this.bySubject.get(found.subject);
    if (versions === undefined) this.bySubject.set(found.subject, (versions = new Map()));
    versions.set(found.version, compiled);
    versions.set(found.semver, compiled);
    if (!this.byId.has(found.id)) this.byId.set(found.id, compiled);
    return compiled;
  }

  /** Referenced schemas (transitively) by reference name, as ajv resolves `$ref: name`. */
  private async resolve(refs: SchemaReference[], into: Record<string, JsonSchema> = {}): Promise<ReferencedSchemas> {
    for (const ref of refs) {
      if (ref.name in into) continue;
      const target = await this.registry.getVersion(ref.subject, ref.version);
      into[ref.name] = JSON.parse(target.schema) as JsonSchema;
      await this.resolve(target.references ?? [], into);
    }
    return into;
  }
}
