import type { CheckReport } from './finding.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML for CI systems that render test reports: one test case per checked version. */
export function formatJunit(report: CheckReport): string {
  const errors = report.findings.filter((f) => f.severity === 'error');
  const cases = report.checked.map(({ subject, semver, file }) => {
    const failures = errors.filter((f) => f.subject === subject && f.semver === semver);
    const body = failures
      .map((f) => `      <failure type="${xml(f.check)}" message="${xml(f.message)}">${xml(`${f.line === undefined ? f.file : `${f.file}:${f.line}`}\n${f.message}${f.hint ? `\n→ ${f.hint}` : ''}`)}</failure>`)
      .join('\n');
    const open = `    <testcase classname="${xml(subject)}" name="${xml(semver)}" file="${xml(file)}"`;
    return body ? `${open}>\n${body}\n    </testcase>` : `${open}/>`;
  });
  // Findings about versions that were not checked (a removed version) still fail the suite.
  const failed = new Set(errors.map((f) => `${f.subject}\0${f.semver}`)).size;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="charter check" tests="${report.checked.length}" failures="${failed}">`,
    `  <testsuite name="${xml(`charter check against ${report.against}`)}" tests="${report.checked.length}" failures="${failed}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
