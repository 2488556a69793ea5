/**
 * One step of an orchestrated saga. `run` returns a failure as data for a business "no" (card
 * declined) or throws for an outage; both stop the saga. `compensate` undoes a step that completed,
 * and must tolerate being asked twice.
 */
export interface SagaStep<Context> {
  name: string;
  run(context: Context): Promise<StepOutcome>;
  /** `cause` says why: a later step failed, or the customer cancelled (`OrderProcessingSaga.cancel`). */
  compensate?(context: Context, reason: string, cause: CompensationCause): Promise<void>;
}

export type CompensationCause = 'failure' | 'cancellation';

export type StepOutcome = { ok: true } | { ok: false; reason: string };

export const stepDone: StepOutcome = { ok: true };
export const stepFailed = (reason: string): StepOutcome => ({ ok: false, reason });
