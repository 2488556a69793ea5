import { hasErrors, type CheckReport } from './finding.js';

/** For tools: the whole report, with `ok` mirroring the exit code. */
export function formatJson(report: CheckReport): string {
  return JSON.stringify({ ok: !hasErrors(report), ...report }, null, 2);
}
