/**
 * One step of an orchestrated saga. `run` returns a failure as data for a business "no" (card
 * declined) or throws for an outage; both stop the saga. `compensate` undoes a step that completed,
 * and must tolerate being asked twice.
 */
export interface SagaStep<Context> {
  name: string;
  run(context: Context): Promise<StepOutcome>;
  compensate?(context: Context, reason: string): Promise<void>;
}

export type StepOutcome = { ok: true } | { ok: false; reason: string };

export const stepDone: StepOutcome = { ok: true };
export const stepFailed = (reason: string): StepOutcome => ({ ok: false, reason });
