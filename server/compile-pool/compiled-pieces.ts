/**
 * The schema pieces (core/schema `compilePieces`) this process has seen compile, by dialect and
 * JSON text (a long one by its digest): a piece's verdict depends on nothing else (no references,
 * fixed ajv options), so a piece seen once need not be compiled again. Only successes are kept;
 * least recently used first out past `limit`.
 */
export class CompiledPieces {
  private readonly seen = new Map<string, true>();

  constructor(private readonly limit = 50_000) {}

  has(key: string): boolean {
    if (!this.seen.has(key)) return false;
    this.seen.delete(key);
    this.seen.set(key, true);
    return true;
  }

  add(key: string): void {
    this.seen.delete(key);
    this.seen.set(key, true);
    if (this.seen.size > this.limit) this.seen.delete(this.seen.keys().next().value!);
  }
}
