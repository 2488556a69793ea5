/**
 * Runs Confluent's JSON Schema diff corpus (`npm run conformance -- <dir>`, default
 * ../shared/conformance/confluent relative to the repo root) through Charter's engine and prints the
 * agreement on the `compatible` (STRICT) and `compatible_lenient` (LENIENT) booleans, per file and
 * overall. A case agrees when both booleans match. Confluent's change-type strings are not compared.
 *
 * Each case is Confluent's backward direction: original = previous version, update = new version.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkCompatibility, type JsonSchema } from '../core/compat/index.js';

export interface CaseOutcome {
  file: string;
  index: number;
  description: string;
  expectedStrict: boolean;
  expectedLenient: boolean;
  strict: boolean;
  lenient: boolean;
  agrees: boolean;
}

export interface ConformanceReport {
  files: Array<{ file: string; cases: number; agreeing: number }>;
  cases: number;
  agreeing: number;
  /** Agreement on the individual booleans (2 per case). */
  booleans: number;
  agreeingBooleans: number;
  disagreements: CaseOutcome[];
  /** The recursive schema compared with itself (must be compatible and terminate). */
  recursiveSelfCompatible?: boolean;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * `CONFLUENT_CORPUS_DIR` when set (`.ci/run` sets it), else `shared/conformance/confluent` beside
 * the repository or beside one of its parents (worktrees sit deeper).
 */
export const defaultCorpusDir = process.env.CONFLUENT_CORPUS_DIR || findCorpus(repoRoot);

function findCorpus(start: string): string {
  let dir = start;
  for (let i = 0; i < 4; i++) {
    const candidate = resolve(dir, '../shared/conformance/confluent');
    if (existsSync(candidate)) return candidate;
    dir = resolve(dir, '..');
  }
  return resolve(start, '../shared/conformance/confluent');
}

interface CorpusCase {
  description: string;
  original_schema: JsonSchema;
  update_schema: JsonSchema;
  compatible: boolean;
  compatible_lenient?: boolean;
}

/** Parses a corpus file; one upstream file has a trailing comma (org.json accepts it). */
function readCases(path: string): CorpusCase[] {
  const text = readFileSync(path, 'utf8').replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(text) as CorpusCase[];
}

export function runConformance(dir: string = defaultCorpusDir): ConformanceReport {
  const files = readdirSync(dir)
    .filter((f) => f.startsWith('diff-') && f.endsWith('.json'))
    .sort();
  const report: ConformanceReport = { files: [], cases: 0, agreeing: 0, booleans: 0, agreeingBooleans: 0, disagreements: [] };
  for (const file of files) {
    const cases = readCases(join(dir, file));
    let agreeing = 0;
    cases.forEach((c, index) => {
      const expectedStrict = c.compatible;
      const expectedLenient = c.compatible_lenient ?? c.compatible;
      const run = (policy: 'STRICT' | 'LENIENT') =>
        checkCompatibility({ schema: c.update_schema }, [{ schema: c.original_schema }], 'BACKWARD', { policy }).compatible;
      const strict = run('STRICT');
      const lenient = run('LENIENT');
      const agrees = strict === expectedStrict && lenient === expectedLenient;
      report.booleans += 2;
      report.agreeingBooleans += Number(strict === expectedStrict) + Number(lenient === expectedLenient);
      if (agrees) agreeing++;
      else report.disagreements.push({ file, index, description: c.description, expectedStrict, expectedLenient, strict, lenient, agrees });
    });
    report.files.push({ file, cases: cases.length, agreeing });
    report.cases += cases.length;
    report.agreeing += agreeing;
  }
  const recursive = join(dir, 'recursive-schema.json');
  if (existsSync(recursive)) {
    const schema = JSON.parse(readFileSync(recursive, 'utf8')) as JsonSchema;
    const copy = JSON.parse(readFileSync(recursive, 'utf8')) as JsonSchema;
    report.recursiveSelfCompatible = checkCompatibility({ schema: copy }, [{ schema }], 'FULL').compatible;
  }
  return report;
}

const pct = (n: number, d: number) => (d === 0 ? '100.0' : ((100 * n) / d).toFixed(1));

function main(): void {
  const arg = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const dir = arg ? resolve(process.cwd(), arg) : defaultCorpusDir;
  if (!existsSync(dir)) {
    process.stderr.write(`conformance corpus not found: ${dir}\n`);
    process.exit(2);
  }
  const report = runConformance(dir);
  for (const f of report.files) process.stdout.write(`${f.file}: ${f.agreeing}/${f.cases} agree (${pct(f.agreeing, f.cases)}%)\n`);
  process.stdout.write(`overall: ${report.agreeing}/${report.cases} cases agree (${pct(report.agreeing, report.cases)}%); booleans ${report.agreeingBooleans}/${report.booleans} (${pct(report.agreeingBooleans, report.booleans)}%)\n`);
  if (report.recursiveSelfCompatible !== undefined) process.stdout.write(`recursive-schema.json compared with itself: ${report.recursiveSelfCompatible ? 'compatible' : 'INCOMPATIBLE'}\n`);
  for (const d of report.disagreements) {
    process.stdout.write(
      `  disagree ${d.file}#${d.index} "${d.description}": Confluent strict=${d.expectedStrict} lenient=${d.expectedLenient}; Charter strict=${d.strict} lenient=${d.lenient}\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
