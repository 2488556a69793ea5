import type { CheckReport } from './finding.js';
import { formatText } from './format-text.js';

// GitHub's workflow-command encoding: data escapes %, CR, LF; properties also `:` and `,`.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions annotations (`::error file=…,line=…,title=…::message`), which show up on the
 * pull request's diff at the schema line, followed by the text report for the job log.
 */
export function formatGithub(report: CheckReport): string {
  const annotations = report.findings.map((f) => {
    const props = [`file=${property(f.file)}`, ...(f.line === undefined ? [] : [`line=${f.line}`]), `title=${property(`${f.subject} ${f.semver}: ${f.check}`)}`];
    return `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${data(f.hint ? `${f.message}\n→ ${f.hint}` : f.message)}`;
  });
  return [...annotations, formatText(report)].join('\n');
}
