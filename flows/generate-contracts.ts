/**
 * Regenerates `flows/generated/` from `schemas/` (or, with `--check`, fails when it is stale). The
 * flows compile against the generated code, so a contract change shows up as a type error in the
 * services that use it, not as a surprise at runtime.
 *
 *   tsx flows/generate-contracts.ts [--check]
 */
import { fileURLToPath } from 'node:url';
import { checkGenerated, describeStale, generate, loadContracts, writeGenerated } from '../codegen/index.js';

export const contractsDir = fileURLToPath(new URL('../schemas/', import.meta.url));
export const generatedDir = fileURLToPath(new URL('./generated/', import.meta.url));

/**
 * The files `flows/generated/` should hold, from the contracts as they are now. Inside this
 * repository the SDK is `client/` (a service would use the default, `charter/client`).
 */
export async function generateFlowTypes(): Promise<Map<string, string>> {
  return generate(await loadContracts(contractsDir), { importPath: '../../client/index.js' });
}

async function main(): Promise<void> {
  const files = await generateFlowTypes();
  if (process.argv.includes('--check')) {
    const { stale } = await checkGenerated(generatedDir, files);
    if (stale.length > 0) {
      console.error(`flows/generated is stale; run npm run flows:codegen:\n${describeStale('flows/generated', stale)}`);
      process.exitCode = 1;
    }
    return;
  }
  const { removed } = await writeGenerated(generatedDir, files);
  console.log(`wrote ${files.size} files to flows/generated/${removed.length > 0 ? `, removed ${removed.join(', ')}` : ''}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
