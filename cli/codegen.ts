import { checkGenerated, describeStale, generate, loadContracts, manifestFile, writeGenerated } from '../codegen/index.js';
import { flag, parseFlags, registryOption } from './args.js';
import { out } from './output.js';
import { openRegistry } from './registry.js';
import { readRegistryFolder } from './registry-folder.js';
import { UsageError } from './usage-error.js';

export const codegenHelp = `charter codegen --schemas DIR --out DIR [--check] [--import-path charter/client]
charter codegen --registry URL [--subjects a,b] --out DIR [--check]

Generates TypeScript types, event classes and precompiled validators from a contracts folder (or
from a live registry). The generated code takes the SDK's types from --import-path (default
charter/client). ${manifestFile} in the output folder lists what was generated, so files of
subjects or versions that no longer exist are deleted on the next run; other files are left alone.
--check writes nothing and exits 1 listing the files a regeneration would write or delete, so CI
catches generated code that was not regenerated after a schema change.`;

const options = {
  ...registryOption,
  schemas: { type: 'string' },
  subjects: { type: 'string' },
  out: { type: 'string' },
  check: { type: 'boolean' },
  'import-path': { type: 'string' },
} as const;

/** `charter codegen`. */
export async function codegen(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, codegenHelp);
  const outDir = flag(values, 'out') ?? 'src/generated';
  const schemas = flag(values, 'schemas');
  const url = flag(values, 'registry');
  if ((schemas === undefined) === (url === undefined)) throw new UsageError(`pass exactly one of --schemas DIR or --registry URL\n\n${codegenHelp}`);
  const only = flag(values, 'subjects')?.split(',').map((s) => s.trim()).filter(Boolean);
  const folder = schemas !== undefined ? await loadContracts(schemas) : await readRegistryFolder(openRegistry(url!, flag(values, 'ca')).client, only);
  const files = await generate(folder, { importPath: flag(values, 'import-path'), contractsDir: schemas });
  if (values.check) {
    const { stale } = await checkGenerated(outDir, files);
    if (stale.length === 0) {
      out(`${outDir}/ is up to date (${files.size} files).`);
      return 0;
    }
    out(`${outDir}/ is stale; run 'charter codegen' without --check and commit the result:\n${describeStale(outDir, stale)}`);
    return 1;
  }
  const { removed } = await writeGenerated(outDir, files);
  out(`Generated ${files.size} files in ${outDir}/ from ${folder.subjects.length} subject(s).`);
  if (removed.length > 0) out(`Removed ${removed.length} file(s) generated before and no longer generated:\n${removed.map((f) => `  ${outDir}/${f}`).join('\n')}`);
  return 0;
}
