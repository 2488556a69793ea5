import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadContracts, writeGenerated } from '../../codegen/index.js';
import { fixtureContracts, scratchDir } from './support/generated-dir.js';
import { installSdkDeclarations } from './support/sdk-declarations.js';
import { typecheck } from './support/typecheck.js';

const fixtures = fileURLToPath(new URL('./fixtures/typed-consumer/', import.meta.url));

const missingHandler = `
import type { EventMap, Handlers } from './out/index.js';
export const handlers: Handlers<EventMap> = {
  'order.OrderPlaced': () => undefined,
};
`;

/**
 * A consumer project as a service would have it: the generated code in `out/` (importing
 * `charter/client`), the SDK's declarations in node_modules, and source files using both. One
 * program checks them all under the strict consumer options without skipLibCheck (one program:
 * a full check costs seconds); each test reads the diagnostics of its own file.
 */
describe('a strict consumer project of the generated code and the typed SDK', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  const diagnostics = new Map<string, string[]>();
  const of = (file: string): string[] => diagnostics.get(join(scratch.dir, file)) ?? [];

  beforeAll(async () => {
    scratch = await scratchDir();
    const out = join(scratch.dir, 'out');
    await writeGenerated(out, await generate(await loadContracts(fixtureContracts)));
    await installSdkDeclarations(scratch.dir);
    await copyFile(join(fixtures, 'generated-code.ts'), join(scratch.dir, 'generated-code.ts'));
    await copyFile(join(fixtures, 'typed-sdk.ts'), join(scratch.dir, 'typed-sdk.ts'));
    await writeFile(join(scratch.dir, 'missing-handler.ts'), missingHandler);
    const generated = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join(out, f));
    expect(generated.filter((f) => f.endsWith('.validate.ts'))).toHaveLength(4);
    const roots = [...generated, ...['generated-code.ts', 'typed-sdk.ts', 'missing-handler.ts'].map((f) => join(scratch.dir, f))];
    for (const line of typecheck(roots)) {
      const file = line.slice(0, line.indexOf(':'));
      diagnostics.set(file, [...(diagnostics.get(file) ?? []), line]);
    }
  }, 120_000);
  afterAll(() => scratch.remove());

  it('finds nothing wrong in the generated code nor in the declarations it and the SDK ship', () => {
    const elsewhere = [...diagnostics].filter(([file]) => !/(generated-code|typed-sdk|missing-handler)\.ts$/.test(file));
    expect(elsewhere).toEqual([]);
  });

  it('compiles a service using the generated events, guards, unions and upcasters', () => {
    expect(of('generated-code.ts')).toEqual([]);
  });

  it('refuses a handler map that misses an event', () => {
    expect(of('missing-handler.ts')).toHaveLength(1);
    expect(of('missing-handler.ts')[0]).toMatch(/TS2741 Property '+payment\.PaymentAuthorized'+ is missing/);
  });

  it('types the SDK by the EventMap: generated envelopes serialise, decoded events reach handlers, wrong subjects, versions and shapes fail', () => {
    expect(of('typed-sdk.ts')).toEqual([]);
  });
});
