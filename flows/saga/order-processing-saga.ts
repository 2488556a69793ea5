import type { OrderProcessingFailedV1 } from '../generated/index.js';
import type { SagaStep } from './saga-step.js';
import { memorySagaStore, type SagaRecord, type SagaStore } from './saga-store.js';

export type SagaOutcome =
  | { status: 'completed'; steps: string[] }
  | ({ status: 'failed' } & OrderProcessingFailedV1);

export interface SagaOptions<Context> {
  /** Where progress is kept. Default in memory; `sqlSagaStore` makes the saga survive restarts. */
  store?: SagaStore<Context>;
  /** A step (or one compensation attempt) that has not answered by then counts as failed. Default 10 s. */
  stepTimeoutMs?: number;
  /** Attempts per compensation before it is parked. Default 5. */
  compensationAttempts?: number;
  /** Delay before the second attempt; doubles each time. Default 100 ms. */
  compensationBackoffMs?: number;
}

class StepTimeout extends Error {}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The saga as orchestration: one coordinator runs the steps in order; when one fails, says no or
 * misses its deadline, it undoes the completed ones in reverse order. Progress is saved after every
 * step and compensation, so `resume()` after a restart carries each unfinished instance on from
 * where it stopped (steps must therefore be idempotent, as the flows' services are).
 *
 * A compensation that fails is retried with backoff; one that still fails is parked: recorded,
 * through `recordFailure`, in the `order.OrderProcessingFailed` event's `compensationFailures`
 * (status `parked`), for a human, rather than printed and lost.
 *
 * @example
 *   const saga = new OrderProcessingSaga(orderProcessingSteps(services), recordFailure, { store });
 *   const outcome = await saga.execute({ orderId, command });
 *   await saga.resume();   // at start-up
 */
export class OrderProcessingSaga<Context extends { orderId: string }> {
  private readonly store: SagaStore<Context>;

  constructor(
    private readonly steps: ReadonlyArray<SagaStep<Context>>,
    private readonly recordFailure: (failure: OrderProcessingFailedV1) => Promise<void>,
    private readonly options: SagaOptions<Context> = {},
  ) {
    this.store = options.store ?? memorySagaStore();
  }

  /** Starts the saga for `context.orderId`, or carries on an instance already stored under that id. */
  async execute(context: Context): Promise<SagaOutcome> {
    const record = await this.store.begin({ id: context.orderId, status: 'running', nextStep: 0, context, compensated: [], compensationFailures: [] });
    return this.drive(record);
  }

  /** Carries every unfinished instance on to its end (at start-up, after a crash). */
  async resume(): Promise<SagaOutcome[]> {
    const outcomes: SagaOutcome[] = [];
    for (const record of await this.store.unfinished()) outcomes.push(await this.drive(record));
    return outcomes;
  }

  private async drive(record: SagaRecord<Context>): Promise<SagaOutcome> {
    const timeout = this.options.stepTimeoutMs ?? 10_000;
    while (record.status === 'running' && record.nextStep < this.steps.length) {
      const step = this.steps[record.nextStep];
      let reason: string | undefined;
      try {
        const outcome = await withDeadline(step.run(record.context), timeout, `step ${step.name}`);
        if (!outcome.ok) reason = outcome.reason;
      } catch (error) {
        reason = (error as Error).message || 'unknown error';
      }
      if (reason === undefined) {
        record.nextStep += 1;
      } else {
        record.status = 'compensating';
        record.failedStep = step.name;
        record.reason = reason;
      }
      await this.store.save(record);
    }
    if (record.status === 'running') {
      record.status = 'completed';
      await this.store.save(record);
    }
    if (record.status === 'completed') return { status: 'completed', steps: this.steps.map((s) => s.name) };
    if (record.status === 'compensating') await this.compensate(record);
    return { status: 'failed', ...this.failure(record) };
  }

  private async compensate(record: SagaRecord<Context>): Promise<void> {
    const done = this.steps.slice(0, record.nextStep).reverse();
    const settled = new Set([...record.compensated, ...record.compensationFailures.map((f) => f.step)]);
    for (const step of done) {
      if (step.compensate === undefined || settled.has(step.name)) continue;
      const error = await this.compensateWithRetries(step, record);
      if (error === undefined) record.compensated.push(step.name);
      else record.compensationFailures.push({ step: step.name, reason: error });
      await this.store.save(record);
    }
    await this.recordFailure(this.failure(record));
    record.status = record.compensationFailures.length > 0 ? 'parked' : 'failed';
    await this.store.save(record);
  }

  /** Undefined when the compensation succeeded; otherwise the last attempt's reason. */
  private async compensateWithRetries(step: SagaStep<Context>, record: SagaRecord<Context>): Promise<string | undefined> {
    const attempts = this.options.compensationAttempts ?? 5;
    const backoff = this.options.compensationBackoffMs ?? 100;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(backoff * 2 ** (attempt - 2));
      try {
        await withDeadline(step.compensate!(record.context, `${record.failedStep} failed: ${record.reason}`), this.options.stepTimeoutMs ?? 10_000, `compensation of ${step.name}`);
        return undefined;
      } catch (error) {
        last = (error as Error).message || 'unknown error';
      }
    }
    return last;
  }

  private failure(record: SagaRecord<Context>): OrderProcessingFailedV1 {
    return {
      orderId: record.context.orderId,
      failedStep: record.failedStep ?? 'unknown',
      reason: record.reason ?? 'unknown',
      compensated: record.compensated,
      compensationFailures: record.compensationFailures,
    };
  }
}
