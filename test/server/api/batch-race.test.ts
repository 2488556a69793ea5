import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1, orderPlacedV1_1, register } from '../../support/schemas.js';

/*
 * Two pushes of conflicting folders racing for one subject, on every store: each batch is one
 * transaction under the subject's lock, so exactly one chain lands whole and the other is refused
 * with nothing of it written — never an interleaving of the two.
 */
describe.each(testBackends)('concurrent batches on $name', (backend) => {
  let registry: TestRegistry;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    registry = await startRegistry({ store: created.store });
  });
  afterAll(async () => {
    await registry.close();
    await drop();
  });

  const chainA = [register(orderPlacedV1, { semver: '1.0.0' }), register(orderPlacedV1_1, { semver: '1.1.0' })];
  // Each chain is valid on its own (B's 1.0.1 only edits documentation: a patch), so whichever
  // batch takes the subject's lock first lands, and the other fails at its first version.
  const chainB = [register({ ...orderPlacedV1, title: 'B' }, { semver: '1.0.0' }), register({ ...orderPlacedV1, title: 'B', description: 'documented' }, { semver: '1.0.1' })];

  it('lands exactly one whole chain per subject and refuses the other whole', async () => {
    // Alone, each chain lands.
    for (const [name, chain] of [['A', chainA], ['B', chainB]] as const) {
      expect((await call(registry.url, 'POST', `/subjects/race.Alone${name}/versions/batch`, { versions: chain })).status).toBe(200);
    }
    for (let round = 0; round < 4; round++) {
      const subject = `race.R${round}`;
      const [a, b] = await Promise.all([
        call(registry.url, 'POST', `/subjects/${subject}/versions/batch`, { versions: chainA }),
        call(registry.url, 'POST', `/subjects/${subject}/versions/batch`, { versions: chainB }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 422]);
      const loser = a.status === 200 ? b : a;
      expect(loser.body).toMatchObject({ error_code: 42211, policyRule: 'semver-order', failedAt: { index: 0, semver: '1.0.0' } });
      const semvers = (await call(registry.url, 'GET', `/subjects/${subject}/semvers`)).body.map((e: { semver: string }) => e.semver);
      expect(semvers).toEqual(a.status === 200 ? ['1.0.0', '1.1.0'] : ['1.0.0', '1.0.1']);
    }
  });
});
