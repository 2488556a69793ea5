import type { CheckReport } from './finding.js';
import { impactLines } from './impact-lines.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML for CI systems that render test reports: one test case per checked version. */
export function formatJunit(report: CheckReport): string {
  const errors = report.findings.filter((f) => f.severity === 'error');
  // A version with errors that was not checked (a reference that resolves nowhere stops the gate
  // before any version is) still gets its test case, so the failure's text is in the report.
  const unchecked = errors.filter((f) => !report.checked.some((c) => c.subject === f.subject && c.semver === f.semver));
  const firstOf = unchecked.filter((f, i) => unchecked.findIndex((g) => g.subject === f.subject && g.semver === f.semver) === i);
  const listed = [...report.checked, ...firstOf.map(({ subject, semver, file }) => ({ subject, semver, file }))];
  const cases = listed.map(({ subject, semver, file }) => {
    const failures = errors.filter((f) => f.subject === subject && f.semver === semver);
    const body = failures
      .map((f) => `      <failure type="${xml(f.check)}" message="${xml(f.message)}">${xml(`${f.line === undefined ? f.file : `${f.file}:${f.line}`}\n${f.message}${f.hint ? `\n→ ${f.hint}` : ''}`)}</failure>`)
      .join('\n');
    // A shared type's new version carries its impact report (who references it, who is impacted).
    const impact = report.impact?.find((i) => i.subject === subject && i.semver === semver);
    const out = impact ? `      <system-out>${xml(impactLines(impact).join('\n'))}</system-out>` : '';
    const inner = [body, out].filter(Boolean).join('\n');
    const open = `    <testcase classname="${xml(subject)}" name="${xml(semver)}" file="${xml(file)}"`;
    return inner ? `${open}>\n${inner}\n    </testcase>` : `${open}/>`;
  });
  // Findings about versions that were not checked (a removed version) still fail the suite.
  const failed = new Set(errors.map((f) => `${f.subject}\0${f.semver}`)).size;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="charter check" tests="${cases.length}" failures="${failed}">`,
    `  <testsuite name="${xml(`charter check against ${report.against}`)}" tests="${cases.length}" failures="${failed}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
