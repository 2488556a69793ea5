import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generate, writeGenerated, type ContractFolder, type ContractSubject } from '../codegen/index.js';
import ts from 'typescript';

const SUBJECTS = 200;
const VERSIONS = 3;
const VALIDATORS = 100;

/** A plausible event schema: a few typed fields, a nested object, an array, a format. */
function schemaFor(subject: number, minor: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    id: { type: 'string', minLength: 1 },
    at: { type: 'string', format: 'date-time' },
    amount: { type: 'number', minimum: 0 },
    lines: { type: 'array', items: { type: 'object', required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } } },
    [`field${subject}`]: { type: 'string', enum: ['a', 'b', 'c'] },
  };
  for (let m = 1; m <= minor; m++) properties[`added${m}`] = { type: 'string' };
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['id', 'at', 'amount'], properties, additionalProperties: false };
}

function syntheticContracts(): ContractFolder {
  const subjects: ContractSubject[] = [];
  for (let i = 0; i < SUBJECTS; i++) {
    const subject = `domain${i % 10}.Event${i}`;
    const versions = Array.from({ length: VERSIONS }, (_, minor) => ({
      semver: `1.${minor}.0`,
      schema: schemaFor(i, minor),
      schemaFile: `${subject}/1.${minor}.0.schema.json`,
    }));
    subjects.push({ subject, settings: {}, versions });
  }
  return { subjects };
}

const importScript = (modules: string[]) => `const t = performance.now();
for (const m of ${JSON.stringify(modules)}) await import(m);
process.stdout.write(String(performance.now() - t));
`;

const compileScript = `const t = performance.now();
const { readFileSync } = await import('node:fs');
const { Ajv2020 } = await import('ajv/dist/2020.js');
const { default: addFormats } = await import('ajv-formats');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const schema of JSON.parse(readFileSync(new URL('./schemas.json', import.meta.url), 'utf8'))) ajv.compile(schema);
process.stdout.write(String(performance.now() - t));
`;

/**
 * Codegen cost and what it buys: wall time to generate 200 subjects × 3 versions, then the
 * start-up cost of importing 100 precompiled validators versus compiling the same 100 schemas
 * with ajv at run time.
 */
export default async function run(): Promise<void> {
  const folder = syntheticContracts();
  let t = performance.now();
  const files = await generate(folder);
  const generateMs = performance.now() - t;
  console.log(`codegen: ${SUBJECTS} subjects × ${VERSIONS} versions → ${files.size} files in ${generateMs.toFixed(0)} ms`);

  // Generated validators resolve ajv's runtime from node_modules, so write inside the repo.
  const scratchRoot = fileURLToPath(new URL('../scratch/', import.meta.url));
  await mkdir(scratchRoot, { recursive: true });
  const out = await mkdtemp(join(scratchRoot, 'bench-codegen-'));
  try {
    await writeGenerated(out, files);
    const picked = folder.subjects.slice(0, VALIDATORS).map((s) => s.versions.at(-1)!);
    // Each side runs in a fresh plain-node process (no tsx loader hooks), timed from its first
    // line: what a producer pays at start-up. The run-time side also pays for loading ajv itself.
    // A producer runs its build output: the validators as `tsc` emits them (types erased).
    const modules: string[] = [];
    for (const v of picked) {
      const source = join(out, v.schemaFile.replace(/(\d+)\.(\d+)\.(\d+)\.schema\.json$/, 'v$1_$2_$3.validate.ts'));
      const emitted = source.replace(/\.ts$/, '.js');
      const js = ts.transpileModule(await readFile(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
      await writeFile(emitted, js);
      modules.push(pathToFileURL(emitted).href);
    }
    await writeFile(join(out, 'schemas.json'), JSON.stringify(picked.map((v) => v.schema)));
    await writeFile(join(out, 'import.mjs'), importScript(modules));
    await writeFile(join(out, 'compile.mjs'), compileScript);
    const importMs = Number(execFileSync(process.execPath, [join(out, 'import.mjs')], { encoding: 'utf8' }));
    const compileMs = Number(execFileSync(process.execPath, [join(out, 'compile.mjs')], { encoding: 'utf8' }));
    console.log(
      `start-up, ${VALIDATORS} validators: import precompiled ${importMs.toFixed(1)} ms, ajv compile at run time ${compileMs.toFixed(1)} ms ` +
        `(precompiled ${(compileMs / importMs).toFixed(1)}× faster)`,
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
