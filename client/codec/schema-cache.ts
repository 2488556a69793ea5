import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import { SchemaNotFoundError } from '../registry/errors.js';
import type { RegistryClient } from '../registry/registry-client.js';
import type { RuleSet, SchemaReference, SubjectVersion } from '../registry/types.js';
import { compileValidator, type Validator } from './validator.js';

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
}

/**
 * Compiled versions keyed by subject+semver, subject+number and id. Lookups that hit are synchronous
 * (`peek…`), so a cached decode makes no HTTP call and no promise; misses go through the registry
 * client, which shares concurrent fetches.
 */
export class SchemaCache {
  private readonly byKey = new Map<string, CompiledVersion>();
  private readonly byId = new Map<number, CompiledVersion>();
  private readonly pending = new Map<string, Promise<CompiledVersion>>();

  constructor(private readonly registry: RegistryClient) {}

  peek(subject: string, version: number | string): CompiledVersion | undefined {
    return this.byKey.get(`${subject}@${version}`);
  }

  peekId(id: number): CompiledVersion | undefined {
    return this.byId.get(id);
  }

  /** The compiled version for a number, semver or `'latest'`. `'latest'` is never cached here. */
  async get(subject: string, version: number | string): Promise<CompiledVersion> {
    if (version !== 'latest') {
      const hit = this.peek(subject, version);
      if (hit !== undefined) return hit;
    }
    const found = await this.registry.getVersion(subject, version);
    return this.compile(found);
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
    const hit = this.byKey.get(cacheKey);
    if (hit !== undefined) return Promise.resolve(hit);
    let promise = this.pending.get(cacheKey);
    if (promise === undefined) {
      promise = this.build(found).finally(() => this.pending.delete(cacheKey));
      this.pending.set(cacheKey, promise);
    }
    return promise;
  }

  private async build(found: SubjectVersion): Promise<CompiledVersion> {
    const schema = JSON.parse(found.schema) as JsonSchema;
    const references = await this.resolve(found.references ?? []);
    const compiled: CompiledVersion = {
      subject: found.subject,
      version: found.version,
      semver: found.semver,
      id: found.id,
      schema,
      references,
      ruleSet: found.ruleSet,
      validate: compileValidator(schema, references),
    };
    this.byKey.set(`${found.subject}@${found.version}`, compiled);
    this.byKey.set(`${found.subject}@${found.semver}`, compiled);
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
