import { extname } from 'node:path';
import { loadContracts } from '../codegen/index.js';
import { flag, parseFlags, registryOption } from './args.js';
import { backupBaseline } from './check/backup-baseline.js';
import { emptyBaseline, type Baseline } from './check/baseline.js';
import { checkFolder } from './check/check-folder.js';
import { hasErrors } from './check/finding.js';
import { formats, isFormat } from './check/formats.js';
import { gitBaseline } from './check/git-baseline.js';
import { registryGate } from './check/registry-gate.js';
import { versionChecks } from './check/version-checks.js';
import { out } from './output.js';
import { openRegistry } from './registry.js';
import { UsageError } from './usage-error.js';

export const checkHelp = `charter check DIR [--registry URL | --against GIT_REF | --against export.json] [--format text|json|github|junit]

The CI gate. Compares the contracts folder with what is published (a live registry, the folder at a
git ref, or a 'charter export' file; with none, every version of the folder is checked against its
predecessors in the folder, as a push to an empty registry would be) and checks every new or changed
version with the registry's own policy (core/policy) and rule verification (generated samples and
examples, the registry's limits). With --registry the registry also dry-runs the new versions, so
the answer is what 'charter push' would do; push runs this same gate first.
${versionChecks.map((c) => `  ${c.name.padEnd(30)} ${c.summary}`).join('\n')}
  ${'published-version-unchanged'.padEnd(30)} versions already published keep their content
  ${'references-resolve'.padEnd(30)} every {"$ref": "<subject>/<semver>"} names a version in the folder or the baseline, without cycles
  ${'shared-type-impact'.padEnd(30)} (warning) a breaking new version of a shared type, per subject that references it

Versions are compiled and compared with the schemas they reference (folder first, then the
registry or baseline). A new version of a subject others reference gets an impact report: every
referencing subject (in the folder, and with --registry or an export, outside it), whether it picks
the new version up (then it is checked with the new references) or is impacted by a breaking change.

Exit codes: 0 no problems, 1 problems found, 2 bad input, unreachable registry or unknown git ref.`;

const options = { ...registryOption, against: { type: 'string' }, format: { type: 'string' } } as const;

/** `charter check`. */
export async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, checkHelp, 1);
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError(`name the contracts folder to check\n\n${checkHelp}`);
  const format = flag(values, 'format') ?? 'text';
  if (!isFormat(format)) throw new UsageError(`--format must be one of ${Object.keys(formats).join(', ')}, not '${format}'`);
  const url = flag(values, 'registry');
  const against = flag(values, 'against');
  if (url !== undefined && against !== undefined) throw new UsageError(`pass --registry or --against, not both\n\n${checkHelp}`);

  const folder = await loadContracts(dir);
  let report;
  if (url !== undefined) {
    // The registry also judges the new versions itself (a dry run): what push would do, exactly.
    report = (await registryGate(openRegistry(url, flag(values, 'ca')), dir, folder)).report;
  } else {
    let baseline: Baseline;
    if (against === undefined) baseline = emptyBaseline('the folder itself');
    else if (extname(against) === '.json') baseline = await backupBaseline(against);
    else baseline = await gitBaseline(dir, against);
    report = await checkFolder(dir, folder, baseline);
  }
  out(formats[format](report));
  return hasErrors(report) ? 1 : 0;
}
