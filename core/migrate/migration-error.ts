/** Why a rule failed on one event. */
export type MigrationFailure = 'timeout' | 'call-depth' | 'output-depth' | 'output-size' | 'evaluation';

/**
 * A rule failed at run time on one event: it threw, or broke one of its bounds. Carries the rule
 * name and the hop (`1.1.0 -> 2.0.0`) when the failure happened inside a chain, and the original
 * error (often a JSONata error object with `code` and `position`) as `cause`.
 *
 * @example
 * try { chain.run(event) } catch (e) { if (e instanceof MigrationError) log(e.rule, e.hop, e.failure) }
 */
export class MigrationError extends Error {
  readonly failure: MigrationFailure;
  readonly rule?: string;
  readonly hop?: string;
  /** The JSONata error code (`T2001`, `D1012` …) when the failure came from the expression itself. */
  readonly jsonataCode?: string;

  constructor(
    failure: MigrationFailure,
    message: string,
    options: { rule?: string; hop?: string; cause?: unknown; jsonataCode?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'MigrationError';
    this.failure = failure;
    this.rule = options.rule;
    this.hop = options.hop;
    this.jsonataCode = options.jsonataCode;
  }

  /** The same failure, now naming the rule and hop it happened in. */
  within(rule: string, hop: string): MigrationError {
    const prefix = `rule "${rule}" (${hop}): `;
    return new MigrationError(this.failure, prefix + this.message, {
      rule,
      hop,
      cause: this.cause,
      jsonataCode: this.jsonataCode,
    });
  }
}
