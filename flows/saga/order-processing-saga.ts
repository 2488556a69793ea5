import type { OrderProcessingFailedV1 } from '../generated/index.js';
import type { SagaStep } from './saga-step.js';
import { memorySagaStore, type SagaRecord, type SagaStore } from './saga-store.js';

export type SagaOutcome =
  | { status: 'completed'; steps: string[] }
  | ({ status: 'failed' } & OrderProcessingFailedV1)
  /** Cancelled by request; `compensationFailures` lists what could not be undone (then also recorded as OrderProcessingFailed). */
  | { status: 'cancelled'; reason: string; compensated: string[]; compensationFailures: OrderProcessingFailedV1['compensationFailures'] };

/** What the saga records as the failed step when it stops for a cancellation. */
export const cancelledStep = 'cancelled-on-request';

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
  /** Instances this process is driving now: a cancellation waits for their outcome. */
  private readonly driving = new Map<string, Promise<SagaOutcome>>();

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
    return this.track(record);
  }

  /** Carries every unfinished instance on to its end (at start-up, after a crash). */
  async resume(): Promise<SagaOutcome[]> {
    const outcomes: SagaOutcome[] = [];
    for (const record of await this.store.unfinished()) outcomes.push(await this.track(record));
    return outcomes;
  }

  /**
   * The customer cancels: the saga stops at its next step boundary and undoes what it did (refund,
   * release the stock, cancel the order), then ends `cancelled`. The request is stored first, so a
   * saga driven elsewhere or resumed after a crash honours it too; one driven by nobody (its process
   * died) is carried to its end here. Too late once the saga completed (the order has shipped): the
   * answer is then the `completed` outcome. Undefined when there is no such saga.
   */
  async cancel(id: string, reason: string): Promise<SagaOutcome | undefined> {
    const record = await this.store.requestCancel(id, reason);
    if (record === undefined) return undefined;
    const running = this.driving.get(id);
    if (running !== undefined) return running;
    if (record.status === 'running' || record.status === 'compensating') return this.track(record);
    return this.outcome(record);
  }

  private track(record: SagaRecord<Context>): Promise<SagaOutcome> {
    const drive = this.drive(record).finally(() => this.driving.delete(record.id));
    this.driving.set(record.id, drive);
    return drive;
  }

  private async drive(record: SagaRecord<Context>): Promise<SagaOutcome> {
    const timeout = this.options.stepTimeoutMs ?? 10_000;
    while (record.status === 'running' && record.nextStep < this.steps.length) {
      if (record.cancelRequested !== undefined) {
        record.status = 'compensating';
        record.cancellation = true;
        record.failedStep = cancelledStep;
        record.reason = record.cancelRequested;
        record = await this.store.save(record);
        break;
      }
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
      record = await this.store.save(record);
    }
    if (record.status === 'running') {
      record.status = 'completed';
      record = await this.store.save(record);
    }
    if (record.status === 'compensating') await this.compensate(record);
    return this.outcome(record);
  }

  private outcome(record: SagaRecord<Context>): SagaOutcome {
    if (record.status === 'completed') return { status: 'completed', steps: this.steps.map((s) => s.name) };
    if (record.status === 'cancelled' || (record.cancellation === true && record.status === 'parked')) {
      return { status: 'cancelled', reason: record.reason ?? '', compensated: record.compensated, compensationFailures: record.compensationFailures };
    }
    return { status: 'failed', ...this.failure(record) };
  }

  private async compensate(record: SagaRecord<Context>): Promise<void> {
    // A cancellation also undoes the step it stopped before: that step may have run in a process
    // that died before saving it, and every compensation is safe when there is nothing to undo.
    const reached = record.cancellation === true ? Math.min(record.nextStep + 1, this.steps.length) : record.nextStep;
    const done = this.steps.slice(0, reached).reverse();
    const settled = new Set([...record.compensated, ...record.compensationFailures.map((f) => f.step)]);
    for (const step of done) {
      if (step.compensate === undefined || settled.has(step.name)) continue;
      const error = await this.compensateWithRetries(step, record);
      if (error === undefined) record.compensated.push(step.name);
      else record.compensationFailures.push({ step: step.name, reason: error });
      await this.store.save(record);
    }
    const parked = record.compensationFailures.length > 0;
    // A cancellation fully undone is no failure; anything parked is recorded for a human either way.
    if (record.cancellation !== true || parked) await this.recordFailure(this.failure(record));
    record.status = parked ? 'parked' : record.cancellation === true ? 'cancelled' : 'failed';
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
        const [reason, cause] = record.cancellation === true ? [record.reason ?? 'cancelled', 'cancellation' as const] : [`${record.failedStep} failed: ${record.reason}`, 'failure' as const];
        await withDeadline(step.compensate!(record.context, reason, cause), this.options.stepTimeoutMs ?? 10_000, `compensation of ${step.name}`);
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
