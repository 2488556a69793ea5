import type { SchemaCache } from './schema-cache.js';
import { planMigration, type MigrationChain, type VersionedSchema } from './migrations.js';

/**
 * Migration chains per subject and version pair, planned (and their JSONata compiled) once. Versions
 * are immutable, so a planned chain stays valid; a failed plan is not cached, since registering a
 * new version may open a path.
 */
export class ChainCache {
  private readonly chains = new Map<string, MigrationChain>();
  private readonly pending = new Map<string, Promise<MigrationChain>>();

  constructor(private readonly schemas: SchemaCache) {}

  peek(subject: string, from: number, to: number): MigrationChain | undefined {
    return this.chains.get(`${subject}\u0000${from}\u0000${to}`);
  }

  get(subject: string, from: number, to: number): Promise<MigrationChain> {
    const key = `${subject}\u0000${from}\u0000${to}`;
    const hit = this.chains.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    let promise = this.pending.get(key);
    if (promise === undefined) {
      promise = this.plan(subject, from, to).then(
        (chain) => {
          this.chains.set(key, chain);
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
    return this.chains.size;
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
