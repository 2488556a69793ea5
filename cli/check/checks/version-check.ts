import type { Finding } from '../finding.js';
import type { VersionContext } from '../version-context.js';

/**
 * One rule `charter check` applies to every new or changed version. The table of these, in
 * version-checks.ts, is the whole gate: add a rule there and every output format reports it.
 */
export interface VersionCheck {
  /** Stable name, shown in JSON/JUnit output and GitHub annotation titles. */
  name: string;
  summary: string;
  /** When this check fails, the later ones are skipped (they would only repeat the problem). */
  gate?: boolean;
  run(ctx: VersionContext): Finding[] | Promise<Finding[]>;
}
