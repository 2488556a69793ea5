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
/** Subjects other contracts reference (`{"$ref": "common.Money/1.0.0#/$defs/Amount"}`): shared types, not events. */
const shared = new Set(versions.flatMap((v) => (v.references ?? []).map((r) => r.subject)));

/**
 * The precompiled validator of a subject version: a shared type's from its generated module, an
 * event's from its generated `…V1_0_0Event` class, found by its static subject and semver.
 */
async function contractValidator(subject: string, semver: string): Promise<(data: unknown) => boolean> {
  if (!shared.has(subject)) return contractClass(subject, semver).validate;
  const module = (await import(join(generatedDir, subject, `v${semver.replaceAll('.', '_')}.validate.ts`))) as { validate: (data: unknown) => boolean };
  return module.validate;
}

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

  it('covers every subject the flows read, and nothing the flows do not know (shared types aside)', () => {
    expect(folder.subjects.map((s) => s.subject).filter((s) => !shared.has(s)).sort()).toEqual(Object.keys(flowReaders).sort());
  });

  it('evolves OrderPlaced 1.0.0 → 1.1.0 → 2.0.0 with an upcaster and a downcaster into 2.0.0, then 2.1.0 on the shared Money', async () => {
    const orderPlaced = folder.subjects.find((s) => s.subject === 'order.OrderPlaced')!;
    expect(orderPlaced.versions.map((v) => v.semver)).toEqual(['1.0.0', '1.1.0', '2.0.0', '2.1.0']);
    expect(orderPlaced.versions[2].ruleSet?.migrationRules.map((r) => r.mode)).toEqual(['UPGRADE', 'DOWNGRADE']);
    expect(await readFile(join(contractsDir, 'order.OrderPlaced/2.0.0.upgrade.jsonata'), 'utf8')).toContain('pricing');
  });

  it('shares common.Money between order and payment events: referenced, imported, never copied', async () => {
    expect([...shared]).toEqual(['common.Money']);
    const referencing = versions.filter((v) => v.references?.some((r) => r.name === 'common.Money/1.0.0')).map((v) => `${v.subject}@${v.semver}`);
    expect(referencing).toEqual(['order.OrderPlaced@2.1.0', 'payment.PaymentRefunded@1.1.0']);
    const order = await readFile(join(generatedDir, 'order.OrderPlaced/v2_1_0.types.ts'), 'utf8');
    expect(order).toContain("import type { Amount as MoneyV1_0_0Amount, Currency as MoneyV1_0_0Currency } from '../common.Money/v1_0_0.types.js';");
    expect(order).not.toMatch(/export type Amount\b/);
    const refund = await readFile(join(generatedDir, 'payment.PaymentRefunded/v1_1_0.types.ts'), 'utf8');
    expect(refund).toContain("import type { Amount as MoneyV1_0_0Amount } from '../common.Money/v1_0_0.types.js';");
  });

  describe.each(versions)('$subject $semver', ({ subject, semver, examples }) => {
    it('ships valid and invalid examples', () => {
      expect(examples?.valid.length).toBeGreaterThan(0);
      expect(examples?.invalid.length).toBeGreaterThan(0);
    });

    it('accepts its valid examples and rejects its invalid ones with the precompiled validator', async () => {
      const validate = await contractValidator(subject, semver);
      for (const example of examples!.valid) expect(validate(example), JSON.stringify(example)).toBe(true);
      for (const example of examples!.invalid) expect(validate(example), JSON.stringify(example)).toBe(false);
    });
  });
});
