import type { Transport } from '../../../client/index.js';
import type { SqlDriver } from '../../../server/storage/sql-driver.js';

/** Every point where the chaos test breaks things. */
export type FaultKind =
  | 'transaction fails before its work'
  | 'crash before commit'
  | 'reply lost after commit'
  | 'publish fails'
  | 'publish acknowledgement lost'
  | 'handler crashes before running'
  | 'handler ack lost (redelivered)'
  | 'process restart'
  | `SIGKILL ${KillPoint}`;

/** Where a services process can be killed for real (`FaultInjector.killAfter`). */
export type KillPoint =
  | 'before a transaction'
  | 'before a commit'
  | 'after a commit'
  | 'before a publish'
  | 'after a publish (broker has it, outbox row not marked)'
  | 'before a handler'
  | 'after a handler committed (before its ack)';

export class InjectedFault extends Error {
  constructor(readonly kind: FaultKind) {
    super(`injected fault: ${kind}`);
    this.name = 'InjectedFault';
  }
}

/**
 * Decides, with a seeded generator (mulberry32), whether each fault point fails, and counts what it
 * injected by kind. `enabled = false` is the recovery phase: nothing fails any more.
 */
export class FaultInjector {
  readonly counts = new Map<FaultKind, number>();
  enabled = true;
  /**
   * Real crash: the `killAfter`-th kill point passed while enabled SIGKILLs this process there, after
   * `onFault` recorded it. Only for a process whose infrastructure lives outside it (a child running
   * the services against PostgreSQL and NATS).
   */
  killAfter: number | undefined;
  /** Told about each fault as it is injected, synchronously (a SIGKILL right after loses nothing). */
  onFault: ((kind: FaultKind) => void) | undefined;
  private points = 0;
  private state: number;

  constructor(
    readonly seed: number,
    private readonly probability: number,
    /** Per-kind probabilities where the default would rarely fire. */
    private readonly overrides: Partial<Record<FaultKind, number>> = {},
  ) {
    this.state = seed >>> 0;
  }

  random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  hit(kind: FaultKind): boolean {
    if (!this.enabled || this.random() >= (this.overrides[kind] ?? this.probability)) return false;
    this.count(kind);
    return true;
  }

  count(kind: FaultKind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.onFault?.(kind);
  }

  /** A point where the process may be killed: SIGKILLs it when this is the `killAfter`-th. */
  point(where: KillPoint): void {
    if (!this.enabled || this.killAfter === undefined || ++this.points !== this.killAfter) return;
    this.count(`SIGKILL ${where}`);
    process.kill(process.pid, 'SIGKILL');
  }

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
}

/** The database, failing transactions before their work, before their commit, or after it (the reply lost). `close` is left to the test. */
export function faultyDatabase(db: SqlDriver, faults: FaultInjector): SqlDriver {
  return {
    kind: db.kind,
    location: db.location,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: async () => undefined,
    async transaction(work) {
      faults.point('before a transaction');
      if (faults.hit('transaction fails before its work')) throw new InjectedFault('transaction fails before its work');
      const result = await db.transaction(async (tx) => {
        const value = await work(tx);
        faults.point('before a commit');
        if (faults.hit('crash before commit')) throw new InjectedFault('crash before commit');
        return value;
      });
      faults.point('after a commit');
      if (faults.hit('reply lost after commit')) throw new InjectedFault('reply lost after commit');
      return result;
    },
  };
}

/** The bus, failing publishes (before or after the broker stored them) and deliveries (before the handler, or losing its ack). */
export function faultyTransport(transport: Transport, faults: FaultInjector): Transport {
  return {
    async publish(subject, message, options) {
      faults.point('before a publish');
      if (faults.hit('publish fails')) throw new InjectedFault('publish fails');
      await transport.publish(subject, message, options);
      faults.point('after a publish (broker has it, outbox row not marked)');
      if (faults.hit('publish acknowledgement lost')) throw new InjectedFault('publish acknowledgement lost');
    },
    subscribe: (subject, group, handler) =>
      transport.subscribe(subject, group, async (message) => {
        faults.point('before a handler');
        if (faults.hit('handler crashes before running')) throw new InjectedFault('handler crashes before running');
        // The handler runs and commits, then the process dies before acking: the broker redelivers after the ack wait.
        if (faults.hit('handler ack lost (redelivered)')) return handler({ ...message, ack: () => undefined, nak: () => undefined });
        return handler({
          ...message,
          ack: () => {
            faults.point('after a handler committed (before its ack)');
            return message.ack();
          },
        });
      }),
    close: () => transport.close(),
  };
}
