import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGenerated, loadContracts } from '../../codegen/index.js';
import { generatedDir, generateFlowTypes } from '../../flows/generate-contracts.js';
import * as generated from '../../flows/generated/index.js';
import { flowReaders } from '../../flows/contracts/readers.js';
import { contractsDir } from './support/flow-world.js';

const folder = await loadContracts(contractsDir);
const versions = folder.subjects.flatMap((s) => s.versions.map((v) => ({ subject: s.subject, ...v })));

/** The generated `…V1_0_0Event` class of a subject version, found by its static subject and semver. */
function contractClass(subject: string, semver: string): { validate: (data: unknown) => boolean } {
  const classes = Object.values(generated as Record<string, unknown>) as Array<{ subject?: unknown; semver?: unknown; validate?: (data: unknown) => boolean }>;
  const found = classes.find((value) => value instanceof Function && value.subject === subject && value.semver === semver && value.validate !== undefined);
  if (found === undefined) throw new Error(`no generated class for ${subject}@${semver}`);
  return { validate: found.validate! };
}

describe('the reference contracts', () => {
  it('has the generated code in flows/generated up to date with schemas/', async () => {
    expect(await checkGenerated(generatedDir, await generateFlowTypes())).toEqual({ stale: [] });
  });

  it('covers every subject the flows read, and nothing the flows do not know', () => {
    expect(folder.subjects.map((s) => s.subject).sort()).toEqual(Object.keys(flowReaders).sort());
  });

  it('evolves OrderPlaced 1.0.0 → 1.1.0 → 2.0.0 with an upcaster and a downcaster into 2.0.0', async () => {
    const orderPlaced = folder.subjects.find((s) => s.subject === 'order.OrderPlaced')!;
    expect(orderPlaced.versions.map((v) => v.semver)).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect(orderPlaced.versions[2].ruleSet?.migrationRules.map((r) => r.mode)).toEqual(['UPGRADE', 'DOWNGRADE']);
    expect(await readFile(join(contractsDir, 'order.OrderPlaced/2.0.0.upgrade.jsonata'), 'utf8')).toContain('pricing');
  });

  describe.each(versions)('$subject $semver', ({ subject, semver, examples }) => {
    it('ships valid and invalid examples', () => {
      expect(examples?.valid.length).toBeGreaterThan(0);
      expect(examples?.invalid.length).toBeGreaterThan(0);
    });

    it('accepts its valid examples and rejects its invalid ones with the precompiled validator', () => {
      const { validate } = contractClass(subject, semver);
      for (const example of examples!.valid) expect(validate(example), JSON.stringify(example)).toBe(true);
      for (const example of examples!.invalid) expect(validate(example), JSON.stringify(example)).toBe(false);
    });
  });
});
