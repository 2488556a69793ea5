import type { CompiledVersion, SchemaCache } from './schema-cache.js';
import { planMigration, type MigrationChain, type VersionedSchema } from './migrations.js';

/**
 * Migration chains per subject and version pair, planned (and their JSONata compiled) once. Versions
 * are immutable, so a planned chain stays valid; a failed plan is not cached, since registering a
 * new version may open a path.
 */
export class ChainCache {
  // Keyed by the writer's compiled version (held forever), then the reader's version number.
  private readonly chains = new WeakMap<CompiledVersion, Map<number, MigrationChain>>();
  private readonly pending = new Map<string, Promise<MigrationChain>>();
  private count = 0;

  constructor(private readonly schemas: SchemaCache) {}

  peek(writer: CompiledVersion, reader: CompiledVersion): MigrationChain | undefined {
    return this.chains.get(writer)?.get(reader.version);
  }

  get(writer: CompiledVersion, reader: CompiledVersion): Promise<MigrationChain> {
    const hit = this.peek(writer, reader);
    if (hit !== undefined) return Promise.resolve(hit);
    const key = `${writer.subject}\u0000${writer.version}\u0000${reader.version}`;
    let promise = this.pending.get(key);
    if (promise === undefined) {
      promise = this.plan(writer.subject, writer.version, reader.version).then(
        (chain) => {
          let byReader = this.chains.get(writer);
          if (byReader === undefined) this.chains.set(writer, (byReader = new Map()));
          byReader.set(reader.version, chain);
          this.count++;
          this.pending.delete(key);
          return chain;
        },
        (error: unknown) => {
          this.pending.delete(key);
          throw error;
        },
      );
      this.pending.set(key, promise);
    }
    return promise;
  }

  get size(): number {
    return this.count;
  }

  private async plan(subject: string, from: number, to: number): Promise<MigrationChain> {
    const versions = await this.schemas.all(subject);
    const versioned: VersionedSchema[] = versions.map((v) => ({
      version: v.version,
      semver: v.semver,
      schema: v.schema,
      references: v.references,
      // Our RuleSet is the wire shape (rule `type` typed as string); the registry only accepts JSONATA.
      ruleSet: v.ruleSet as VersionedSchema['ruleSet'],
    }));
    return planMigration(subject, versioned, from, to);
  }
}
