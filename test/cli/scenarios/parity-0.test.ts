import { afterAll, beforeAll, describe, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { listCases, runCase } from './scenario-runner.js';

// The corpus is split over three files (case index mod 3) so each stays well under a minute.
const cases = (await listCases()).filter((_, i) => i % 3 === 0);

describe('charter check predicts what charter push does (scenario corpus, part 1 of 3)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.close());

  it('has its share of the corpus', () => {
    if (cases.length < 10) throw new Error(`only ${cases.length} cases in this part`);
  });
  for (const name of cases) it(name, () => runCase(name, registry.url), 60_000);
});
