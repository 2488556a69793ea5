import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGenerated, generate, loadContracts, writeGenerated } from '../../codegen/index.js';
import { fixtureContracts, scratchDir } from './support/generated-dir.js';

describe('checkGenerated', () => {
  let remove: () => Promise<void> = async () => undefined;
  afterEach(() => remove());

  async function freshOutput(): Promise<{ out: string; files: Map<string, string> }> {
    const scratch = await scratchDir();
    remove = scratch.remove;
    const files = await generate(await loadContracts(fixtureContracts));
    await writeGenerated(scratch.dir, files);
    return { out: scratch.dir, files };
  }

  it('reports nothing when the committed output is up to date', async () => {
    const { out, files } = await freshOutput();
    expect(await checkGenerated(out, files)).toEqual({ stale: [] });
  });

  it('reports changed, missing and no-longer-generated files, sorted', async () => {
    const { out, files } = await freshOutput();
    await writeFile(join(out, 'index.ts'), '// edited by hand\n');
    await rm(join(out, 'order.OrderPlaced/events.ts'));
    await writeFile(join(out, 'order.OrderPlaced/v0_9_0.types.ts'), 'export {};\n');
    expect(await checkGenerated(out, files)).toEqual({
      stale: ['index.ts', 'order.OrderPlaced/events.ts', 'order.OrderPlaced/v0_9_0.types.ts'],
    });
  });

  it('reports every file when the output folder does not exist yet', async () => {
    const { out, files } = await freshOutput();
    expect((await checkGenerated(join(out, 'missing'), files)).stale).toEqual([...files.keys()]);
  });
});
