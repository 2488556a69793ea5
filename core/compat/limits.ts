/**
 * Every compatibility check, classification and value validation in the engine runs under one
 * step budget and one wall-clock deadline. The innermost loops call `spend()`; when either bound is
 * crossed it throws `LimitReached`, the entry point catches it and answers UNDECIDABLE_LIMIT
 * (treated as breaking). Throwing rather than returning `false` unwinds exponential searches at
 * once and keeps half-finished results out of every memo (memos are written only after a
 * comparison returns normally).
 */

export class LimitReached extends Error {
  constructor(readonly reason: 'steps' | 'time') {
    super(reason === 'steps' ? 'the comparison needed too many steps' : 'the comparison ran out of time');
  }
}

export interface EngineLimits {
  /** Elementary comparisons allowed (subset, disjointness and value checks together). */
  steps?: number;
  /** Wall-clock milliseconds allowed. */
  timeMs?: number;
}

export const DEFAULT_STEPS = 2_000_000;
export const DEFAULT_TIME_MS = 1_500;

let stepsLeft = Infinity;
let deadline = Infinity;
let tick = 0;

/** Spends `n` steps of the running check; throws LimitReached when a bound is crossed. */
export function spend(n = 1): void {
  stepsLeft -= n;
  if (stepsLeft < 0) throw new LimitReached('steps');
  if ((++tick & 127) === 0 && Date.now() > deadline) throw new LimitReached('time');
}

/**
 * Runs `fn` under the limits. Nested calls keep the tighter bounds of the enclosing run and give
 * back the outer budget minus what they spent.
 */
export function withLimits<T>(limits: EngineLimits | undefined, fn: () => T): T {
  const savedSteps = stepsLeft;
  const savedDeadline = deadline;
  const steps = limits?.steps ?? DEFAULT_STEPS;
  const ms = limits?.timeMs ?? DEFAULT_TIME_MS;
  stepsLeft = Math.min(savedSteps, steps);
  deadline = Math.min(savedDeadline, Date.now() + ms);
  const start = stepsLeft;
  try {
    return fn();
  } finally {
    const used = start - stepsLeft;
    stepsLeft = savedSteps === Infinity ? Infinity : savedSteps - used;
    deadline = savedDeadline;
  }
}

/** Whether the enclosing run's deadline has passed (for loops that cannot call spend()). */
export function pastDeadline(): boolean {
  return Date.now() > deadline;
}
