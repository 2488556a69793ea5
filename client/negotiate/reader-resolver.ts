import type { CompiledVersion, SchemaCache } from '../codec/schema-cache.js';
import { readerVersion } from './reader-version.js';

interface Resolved {
  value: CompiledVersion | undefined;
  expiresAt: number;
  refreshing: boolean;
}

/**
 * Resolves `accept` ranges to the reader version, on the hot path. A stale answer is served while a
 * background refresh runs (stale-while-revalidate), so a consumer keeps decoding without a registry
 * round trip and picks up a new minor version within `ttlMs`.
 */
export class ReaderResolver {
  // subject → range → answer; nested so the hot path builds no key string.
  private readonly resolved = new Map<string, Map<string, Resolved>>();

  constructor(
    private readonly schemas: SchemaCache,
    private readonly ttlMs: number,
  ) {}

  /** The cached answer (possibly stale), or `null` when never resolved. Refreshes when stale. */
  peek(subject: string, range: string): CompiledVersion | undefined | null {
    const entry = this.resolved.get(subject)?.get(range);
    if (entry === undefined) return null;
    if (entry.expiresAt <= Date.now() && !entry.refreshing) {
      entry.refreshing = true;
      // A failed refresh keeps the stale answer: better an old reader version than no decode.
      this.resolve(subject, range).catch(() => (entry.refreshing = false));
    }
    return entry.value;
  }

  async get(subject: string, range: string): Promise<CompiledVersion | undefined> {
    const cached = this.peek(subject, range);
    return cached === null ? this.resolve(subject, range) : cached;
  }

  private async resolve(subject: string, range: string): Promise<CompiledVersion | undefined> {
    const all = await this.schemas.all(subject);
    const value = readerVersion(all, range);
    let byRange = this.resolved.get(subject);
    if (byRange === undefined) this.resolved.set(subject, (byRange = new Map()));
    byRange.set(range, { value, expiresAt: Date.now() + this.ttlMs, refreshing: false });
    return value;
  }
}
