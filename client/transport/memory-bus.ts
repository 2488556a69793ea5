import type { WireMessage } from '../codec/formats/wire-message.js';
import type { MessageHandler, Transport, TransportSubscription } from './transport.js';

interface Stored extends WireMessage {
  subject: string;
}

interface Member {
  handler: MessageHandler;
  busy: boolean;
  closed: boolean;
}

interface Delivery {
  seq: number;
  count: number;
  member: Member;
  timer: NodeJS.Timeout;
}

/** A durable consumer: its position in the subject's log, what awaits (re)delivery, what is in flight. */
class Group {
  next = 0;
  readonly retry: number[] = [];
  readonly counts = new Map<number, number>();
  readonly inFlight = new Map<number, Delivery>();
  readonly members: Member[] = [];
  private turn = 0;

  constructor(
    readonly subject: string,
    private readonly log: Stored[],
    private readonly ackWaitMs: number,
  ) {}

  /** Hands queued messages to idle members, round-robin. */
  pump(): void {
    for (;;) {
      const member = this.idleMember();
      if (member === undefined) return;
      const seq = this.retry.length > 0 ? this.retry.shift()! : this.nextNew();
      if (seq === undefined) return;
      this.deliver(seq, member);
    }
  }

  release(member: Member): void {
    for (const d of [...this.inFlight.values()]) if (d.member === member) this.requeue(d, 0);
  }

  private nextNew(): number | undefined {
    while (this.next < this.log.length) {
      const seq = this.next++;
      if (this.log[seq].subject === this.subject) return seq;
    }
    return undefined;
  }

  private idleMember(): Member | undefined {
    const live = this.members.filter((m) => !m.closed && !m.busy);
    if (live.length === 0) return undefined;
    return live[this.turn++ % live.length];
  }

  private deliver(seq: number, member: Member): void {
    const count = (this.counts.get(seq) ?? 0) + 1;
    this.counts.set(seq, count);
    const delivery: Delivery = { seq, count, member, timer: setTimeout(() => this.requeue(delivery, 0), this.ackWaitMs).unref() };
    this.inFlight.set(seq, delivery);
    member.busy = true;
    const stored = this.log[seq];
    // Only the current delivery may settle a message: a late ack from a timed-out handler is ignored.
    const settle = (requeueAfter: number | null) => {
      if (this.inFlight.get(seq) !== delivery) return;
      if (requeueAfter === null) {
        clearTimeout(delivery.timer);
        this.inFlight.delete(seq);
        this.counts.delete(seq);
      } else this.requeue(delivery, requeueAfter);
    };
    const message = {
      subject: stored.subject,
      body: stored.body,
      headers: { ...stored.headers },
      redelivered: count > 1,
      deliveryCount: count,
      ack: () => settle(null),
      nak: (delayMs = 0) => settle(delayMs),
    };
    void member.handler(message).catch(() => settle(0)).finally(() => {
      member.busy = false;
      queueMicrotask(() => this.pump());
    });
  }

  private requeue(delivery: Delivery, delayMs: number): void {
    clearTimeout(delivery.timer);
    if (this.inFlight.get(delivery.seq) !== delivery) return;
    this.inFlight.delete(delivery.seq);
    const back = () => {
      this.retry.push(delivery.seq);
      this.pump();
    };
    if (delayMs > 0) setTimeout(back, delayMs).unref();
    else back();
  }
}

/**
 * The in-memory broker: a log per process with durable groups, explicit acks, ack timeouts and
 * redelivery, and message-id de-duplication within a window: the same contract as NATS JetStream. Each `connect()` is one client "connection";
 * closing it (a crash) hands its unacknowledged messages back to their group.
 *
 * @example
 *   const bus = new MemoryBus();
 *   const transport = bus.connect();
 */
export class MemoryBus {
  private readonly log: Stored[] = [];
  private readonly groups = new Map<string, Group>();
  /** Message id → when it was first stored, for JetStream-style de-duplication. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: { ackWaitMs?: number; duplicateWindowMs?: number } = {}) {}

  connect(): Transport {
    const mine = new Set<{ group: Group; member: Member }>();
    const unsubscribe = (entry: { group: Group; member: Member }) => {
      entry.member.closed = true;
      mine.delete(entry);
      entry.group.release(entry.member);
    };
    return {
      publish: async (subject, message, options) => {
        if (options?.messageId !== undefined && this.isDuplicate(options.messageId)) return;
        this.log.push({ subject, body: message.body, headers: { ...message.headers } });
        for (const group of this.groups.values()) if (group.subject === subject) group.pump();
      },
      subscribe: async (subject, groupName, handler): Promise<TransportSubscription> => {
        const group = this.group(subject, groupName);
        const entry = { group, member: { handler, busy: false, closed: false } };
        group.members.push(entry.member);
        mine.add(entry);
        group.pump();
        return { close: async () => unsubscribe(entry) };
      },
      close: async () => {
        for (const entry of [...mine]) unsubscribe(entry);
      },
    };
  }

  /** True when `id` was stored within the duplicate window (default 2 min, as JetStream's). */
  private isDuplicate(id: string): boolean {
    const now = Date.now();
    const window = this.options.duplicateWindowMs ?? 120_000;
    const first = this.seen.get(id);
    if (first !== undefined && now - first < window) return true;
    this.seen.delete(id);
    this.seen.set(id, now);
    // Forget ids older than the window (Map keeps insertion order, so the oldest come first).
    for (const [old, at] of this.seen) {
      if (now - at < window) break;
      this.seen.delete(old);
    }
    return false;
  }

  private group(subject: string, name: string): Group {
    const key = `${name}\u0000${subject}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = new Group(subject, this.log, this.options.ackWaitMs ?? 30_000);
      this.groups.set(key, group);
    }
    return group;
  }
}
