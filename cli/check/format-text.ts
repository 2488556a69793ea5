import type { CheckReport } from './finding.js';
import { impactLines } from './impact-lines.js';

/** For people: each problem with where it is, what broke and what to do instead. */
export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const where = f.line === undefined ? f.file : `${f.file}:${f.line}`;
    lines.push(`${f.severity === 'error' ? '✗' : '!'} ${f.subject} ${f.semver}  ${where}  [${f.check}]`);
    lines.push(`    ${f.message}`);
    if (f.hint) lines.push(`    → ${f.hint}`);
  }
  for (const v of report.registry ?? []) {
    lines.push(
      v.awaits
        ? `registry dry run: ${v.subject} not run: it references ${v.awaits.join(', ')}, which push registers first (checked offline with their schemas)`
        : v.refused
          ? `registry dry run: ${v.subject} ${v.refused.semver} refused (${v.refused.check}, ${v.refused.code}); nothing of ${v.subject} would be registered`
          : `registry dry run: ${v.subject} ${v.accepted!.join(', ')} accepted`,
    );
    for (const r of v.rules ?? []) {
      lines.push(`    ${r.semver} ${r.direction.toLowerCase()} rule '${r.rule}' verified on ${r.samples.examples} example(s) + ${r.samples.generated} generated event(s), ${r.executor}`);
    }
  }
  for (const impact of report.impact ?? []) lines.push(...impactLines(impact));
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const versions = `${report.checked.length} new or changed version(s) checked against ${report.against}`;
  if (errors === 0) lines.push(`✓ ${versions}: no problems${warnings ? ` (${warnings} warning(s))` : ''}.`);
  else lines.push(`${errors} problem(s)${warnings ? `, ${warnings} warning(s)` : ''}; ${versions}.`);
  return lines.join('\n');
}
