import type { OrderProcessingFailedV1 } from '../generated/index.js';
import type { SagaStep } from './saga-step.js';

export type SagaOutcome =
  | { status: 'completed'; steps: string[] }
  | ({ status: 'failed' } & OrderProcessingFailedV1);

/**
 * The saga as orchestration: one coordinator runs the steps in order; when one fails it undoes the
 * completed ones in reverse order. A compensation that fails does not stop the others: it is
 * recorded, through `recordFailure`, as an `order.OrderProcessingFailed` event listing exactly what
 * was undone and what needs a human, rather than printed and lost.
 *
 * @example
 *   const saga = new OrderProcessingSaga(orderProcessingSteps(services), recordFailure);
 *   const outcome = await saga.execute({ command });
 */
export class OrderProcessingSaga<Context extends { orderId: string }> {
  constructor(
    private readonly steps: ReadonlyArray<SagaStep<Context>>,
    private readonly recordFailure: (failure: OrderProcessingFailedV1) => Promise<void>,
  ) {}

  async execute(context: Context): Promise<SagaOutcome> {
    const done: Array<SagaStep<Context>> = [];
    for (const step of this.steps) {
      let reason: string | undefined;
      try {
        const outcome = await step.run(context);
        if (!outcome.ok) reason = outcome.reason;
      } catch (error) {
        reason = (error as Error).message;
      }
      if (reason === undefined) {
        done.push(step);
        continue;
      }
      const failure = await this.compensate(context, done, step.name, reason);
      await this.recordFailure(failure);
      return { status: 'failed', ...failure };
    }
    return { status: 'completed', steps: done.map((s) => s.name) };
  }

  private async compensate(context: Context, done: Array<SagaStep<Context>>, failedStep: string, reason: string): Promise<OrderProcessingFailedV1> {
    const compensated: string[] = [];
    const compensationFailures: OrderProcessingFailedV1['compensationFailures'] = [];
    for (const step of [...done].reverse()) {
      if (step.compensate === undefined) continue;
      try {
        await step.compensate(context, `${failedStep} failed: ${reason}`);
        compensated.push(step.name);
      } catch (error) {
        compensationFailures.push({ step: step.name, reason: (error as Error).message || 'unknown error' });
      }
    }
    return { orderId: context.orderId, failedStep, reason, compensated, compensationFailures };
  }
}
