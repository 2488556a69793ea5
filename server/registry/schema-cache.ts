import type { SchemaInput } from '../../core/compat/index.js';
import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import { createValidatorOrThrow, type SchemaValidator } from '../../core/schema/validator/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { findSchemaById, findSchemasByIds } from '../storage/schema-rows.js';
import type { SqlExecutor } from '../storage/sql-driver.js';
import { findVersion, listVersions } from '../storage/version-rows.js';
import type { SchemaReference, StoredSchema } from './model.js';

/** A stored schema parsed once, with its references resolved: what the engine and ajv take. */
export interface LoadedSchema {
  stored: StoredSchema;
  input: SchemaInput;
  /** Compiled on first use (most lookups never validate), where `compile` says, then kept. */
  validator(): Promise<SchemaValidator>;
}

/**
 * Builds a stored schema's validator. The server passes its compile pool's, so a large schema
 * compiles on a worker the first time an event is validated against it, as at registration.
 */
export type CompileValidator = (input: SchemaInput, text: string) => Promise<SchemaValidator>;

const compileInline: CompileValidator = async (input) => createValidatorOrThrow(input.schema, input.references);

// References can only point at versions registered earlier, so they never form a cycle.
const MAX_REFERENCES = 100;

/**
 * Schema ids are immutable, so everything derived from one (parsed document, resolved references,
 * compiled validator) is cached forever, bounded by count. The parsed objects keep their identity
 * across checks, which lets the compatibility engine reuse its own per-schema work.
 */
export class SchemaCache {
  private readonly settled = new Map<number, LoadedSchema>();
  private readonly pending = new Map<number, Promise<LoadedSchema | undefined>>();

  constructor(
    private readonly maxEntries = 20_000,
    private readonly compile: CompileValidator = compileInline,
  ) {}

  /**
   * Loads a schema through the cache. Inside a transaction pass `exclusive: true`: it then never
   * waits on a load that another request started outside the transaction — on PGlite, whose
   * transactions are exclusive, that wait would be a deadlock.
   */
  async load(db: SqlExecutor, id: number, options: { exclusive?: boolean } = {}): Promise<LoadedSchema | undefined> {
    const hit = this.settled.get(id);
    if (hit) return hit;
    if (options.exclusive) return this.remember(id, await this.build(db, id, true));
    let entry = this.pending.get(id);
    if (!entry) {
      entry = this.build(db, id, false)
        .then((loaded) => this.remember(id, loaded))
        .finally(() => this.pending.delete(id));
      this.pending.set(id, entry);
    }
    return entry;
  }

  /**
   * Loads several schemas, fetching every one not yet cached in a single query (a registration
   * needs each live version of its subject; after a restart that would be a query per version).
   */
  async loadMany(db: SqlExecutor, ids: readonly number[], options: { exclusive?: boolean } = {}): Promise<Map<number, LoadedSchema>> {
    const found = new Map<number, LoadedSchema>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const hit = this.settled.get(id);
      if (hit) found.set(id, hit);
      else missing.push(id);
    }
    if (missing.length === 1) {
      const loaded = await this.load(db, missing[0], options);
      if (loaded) found.set(missing[0], loaded);
    } else if (missing.length > 1) {
      for (const stored of await findSchemasByIds(db, missing)) {
        found.set(stored.id, this.remember(stored.id, await this.fromStored(db, stored, Boolean(options.exclusive)))!);
      }
    }
    return found;
  }

  /** Caches a schema that was just registered, so the next registration need not read it back. */
  put(stored: StoredSchema, input: SchemaInput): void {
    if (this.settled.has(stored.id)) return;
    this.remember(stored.id, this.withLazyValidator(stored, input));
  }

  private remember(id: number, loaded: LoadedSchema | undefined): LoadedSchema | undefined {
    if (!loaded) return undefined;
    if (this.settled.size >= this.maxEntries) this.settled.delete(this.settled.keys().next().value!);
    this.settled.set(id, loaded);
    return loaded;
  }

  private async build(db: SqlExecutor, id: number, exclusive: boolean): Promise<LoadedSchema | undefined> {
    const stored = await findSchemaById(db, id);
    return stored && this.fromStored(db, stored, exclusive);
  }

  private async fromStored(db: SqlExecutor, stored: StoredSchema, exclusive: boolean): Promise<LoadedSchema> {
    const references = await resolveReferences(db, stored.references, this, { exclusive });
    return this.withLazyValidator(stored, { schema: JSON.parse(stored.schema) as JsonSchema, references });
  }

  private withLazyValidator(stored: StoredSchema, input: SchemaInput): LoadedSchema {
    let compiled: Promise<SchemaValidator> | undefined;
    return {
      stored,
      input,
      // Concurrent first validations share one compile; a failed one is retried next time.
      validator: () =>
        (compiled ??= this.compile(input, stored.schema).catch((error: unknown) => {
          compiled = undefined;
          throw error;
        })),
    };
  }
}

/**
 * Turns `{name, subject, version}` references into the name → schema map `$ref` resolves against,
 * including the references of references. A missing target is the caller's error (42201).
 */
export async function resolveReferences(
  db: SqlExecutor,
  references: readonly SchemaReference[],
  cache: SchemaCache,
  options: { exclusive?: boolean } = {},
): Promise<ReferencedSchemas> {
  if (references.length === 0) return {};
  if (references.length > MAX_REFERENCES) throw new RegistryError('INVALID_SCHEMA', `A schema may have at most ${MAX_REFERENCES} references`);
  const resolved: Record<string, JsonSchema> = {};
  for (const reference of references) {
    const target =
      reference.version === -1
        ? (await listVersions(db, reference.subject)).at(-1)
        : await findVersion(db, reference.subject, reference.version);
    if (!target || target.deleted) {
      throw new RegistryError(
        'INVALID_SCHEMA',
        `Invalid schema: reference '${reference.name}' points at subject '${reference.subject}' version ${reference.version}, which does not exist`,
      );
    }
    const loaded = await cache.load(db, target.id, options);
    if (!loaded) throw new RegistryError('INVALID_SCHEMA', `Invalid schema: reference '${reference.name}' has no stored schema`);
    Object.assign(resolved, loaded.input.references, { [reference.name]: loaded.input.schema });
  }
  return resolved;
}

/** Pins `version: -1` (latest) references to the concrete version they resolved to. */
export async function pinReferences(db: SqlExecutor, references: readonly SchemaReference[]): Promise<SchemaReference[]> {
  return Promise.all(
    references.map(async (reference) =>
      reference.version === -1 ? { ...reference, version: (await listVersions(db, reference.subject)).at(-1)?.version ?? -1 } : reference,
    ),
  );
}
