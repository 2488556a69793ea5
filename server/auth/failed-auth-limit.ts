/**
 * Counts failed and missing credentials per client address and refuses that address (429) once it
 * has failed `perMinute` times in the current minute, before its next credentials are even checked.
 * The general rate limit keys on the principal and so only counts requests that authenticated;
 * without this, API keys could be guessed at full speed. Successful requests are not counted.
 * The table is bounded: past `maxAddresses` the oldest windows are dropped first.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { started: number; failures: number }>();

  constructor(
    readonly perMinute: number,
    private readonly maxAddresses = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `address` may try again, when it has used up its failures for this minute. */
  blockedFor(address: string): number | undefined {
    const window = this.current(address);
    if (!window || window.failures < this.perMinute) return undefined;
    return Math.max(1, Math.ceil((window.started + 60_000 - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    const window = this.current(address);
    if (window) {
      window.failures++;
      return;
    }
    if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { started: this.now(), failures: 1 });
  }

  private current(address: string) {
    const window = this.windows.get(address);
    if (window && this.now() - window.started >= 60_000) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }
}
