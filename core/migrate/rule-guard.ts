import { MigrationError } from './migration-error.js';
import type { RuleBounds } from './types.js';

/**
 * Work units between two reads of the clock. A unit is one cheap step (a path item, a callback)
 * or one element/character a built-in walks over, so at most a few hundred microseconds of work
 * pass between checks whatever the rule does.
 */
const CHECK_EVERY = 4096;

/**
 * The time and size budget of one rule evaluation. The clock starts when the evaluation starts
 * (`start`), not at the first check; every loop of compiled code and every built-in that walks
 * an array or a string `charge`s what it is about to do, so a single call over a large value is
 * checked as well as a long loop of small ones.
 *
 * @example
 * const guard = new RuleGuard(defaultRuleBounds);
 * guard.start();             // deadline = now + 50 ms
 * guard.charge(list.length); // throws MigrationError 'timeout' once past the deadline
 */
export class RuleGuard {
  /** Longest sequence/array a rule may build: an item costs at least two bytes of output. */
  readonly maxItems: number;
  /** Longest string a rule may build. */
  readonly maxChars: number;
  depth = 0;
  private steps = 0;
  private nextCheck = CHECK_EVERY;
  private deadline = 0;
  private budgetMs = 0;

  constructor(readonly bounds: RuleBounds) {
    this.maxItems = Math.max(1, Math.floor(bounds.maxOutputBytes / 2));
    this.maxChars = bounds.maxOutputBytes;
  }

  /** Starts one evaluation: `budgetMs` defaults to the rule's time bound. */
  start(budgetMs: number = this.bounds.timeoutMs): void {
    this.steps = 0;
    this.nextCheck = CHECK_EVERY;
    this.depth = 0;
    this.budgetMs = budgetMs;
    this.deadline = Date.now() + budgetMs;
  }

  /** One cheap step. */
  tick(): void {
    if (++this.steps >= this.nextCheck) this.check();
  }

  /** `units` of work about to be done in one go (elements or characters walked). */
  charge(units: number): void {
    this.steps += units;
    if (this.steps >= this.nextCheck) this.check();
  }

  /** Reads the clock now; throws once the deadline has passed. */
  check(): void {
    this.nextCheck = this.steps + CHECK_EVERY;
    if (Date.now() > this.deadline) {
      throw new MigrationError('timeout', `the rule ran longer than ${this.budgetMs} ms (endless loop, or too much work for one event?)`);
    }
  }

  /** Refuses, before allocating it, a sequence of `n` items. */
  items(n: number): void {
    if (n > this.maxItems) throw new MigrationError('output-size', `the rule built a list of ${n} items (at most ${this.maxItems})`);
    this.charge(n);
  }

  /** Refuses, before allocating it, a string of `n` characters. */
  chars(n: number): void {
    if (n > this.maxChars) throw new MigrationError('output-size', `the rule built a string of ${n} characters (at most ${this.maxChars})`);
    this.charge(n);
  }
}

/** How much a built-in walks over for a value: its length for strings and arrays, else 1. */
export function sizeOf(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  return 1;
}
