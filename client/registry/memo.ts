interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * A keyed cache with per-entry lifetime that also shares in-flight loads: two concurrent `get`s of
 * the same key cause one load. Failed loads are not cached, so the next call tries again.
 *
 * @example
 *   const memo = new Memo<string>();
 *   await memo.get('schema:7', Infinity, () => fetchSchema(7));
 */
export class Memo<T> {
  private readonly values = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached value if it is still fresh, without loading (the hot path's synchronous peek). */
  peek(key: string): T | undefined {
    const entry = this.values.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== Infinity && entry.expiresAt <= this.now()) return undefined;
    return entry.value;
  }

  get(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.peek(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const inFlight = this.pending.get(key);
    if (inFlight !== undefined) return inFlight;
    const promise = load().then(
      (value) => {
        this.pending.delete(key);
        this.values.set(key, { value, expiresAt: ttlMs === Infinity ? Infinity : this.now() + ttlMs });
        return value;
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, promise);
    return promise;
  }

  set(key: string, value: T, ttlMs = Infinity): void {
    this.values.set(key, { value, expiresAt: ttlMs === Infinity ? Infinity : this.now() + ttlMs });
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  get size(): number {
    return this.values.size;
  }
}
