import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../../support/child-server.js';
import { testBackends } from '../../support/databases.js';
import { call } from '../../support/registry.js';
import { numberedSchema, register } from '../../support/schemas.js';

const subjects = ['crash.A', 'crash.B', 'crash.C'];
interface Ack { subject: string; n: number; id: number; version: number }

/** Concurrent registrations until `stop()`; returns what the server acknowledged with a 200. */
function registrationStorm(url: string, workers = 8) {
  const acks: Ack[] = [];
  let running = true;
  let next = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const n = next++;
      const subject = subjects[n % subjects.length]!;
      try {
        const response = await call(url, 'POST', `/subjects/${subject}/versions`, register(numberedSchema(n)));
        if (response.status === 200) acks.push({ subject, n, id: response.body.id, version: response.body.version });
      } catch {
        return; // the server died under us: this request was never acknowledged
      }
    }
  });
  return { acks, stop: async () => ((running = false), await Promise.all(loops)) };
}

/** Everything the restarted server holds must be whole: versions, schemas and audit rows agree. */
async function assertIntact(url: string, acks: Ack[]) {
  for (const subject of subjects) {
    const versions: number[] = (await call(url, 'GET', `/subjects/${subject}/versions`)).body;
    expect(versions, `${subject} versions are 1..n without gaps or duplicates`).toEqual(versions.map((_, i) => i + 1));
    const audit = (await call(url, 'GET', `/audit?subject=${subject}&limit=1000`)).body.entries;
    const audited = audit.filter((e: { action: string }) => e.action === 'schema.register').map((e: { detail: { version: number } }) => e.detail.version);
    expect([...audited].sort((a, b) => a - b), `${subject}: one audit row per version`).toEqual(versions);
    for (const version of versions) {
      const stored = await call(url, 'GET', `/subjects/${subject}/versions/${version}`);
      expect(stored.status).toBe(200);
      expect(JSON.parse(stored.body.schema).title).toMatch(/^variant \d+$/);
    }
  }
  for (const ack of acks) {
    const stored = await call(url, 'GET', `/subjects/${ack.subject}/versions/${ack.version}`);
    expect(stored.status, `acknowledged ${ack.subject} v${ack.version}`).toBe(200);
    expect({ id: stored.body.id, title: JSON.parse(stored.body.schema).title }).toEqual({ id: ack.id, title: `variant ${ack.n}` });
  }
}

const stores = [
  {
    name: 'PGlite in a data folder',
    async create() {
      const dataDir = await mkdtemp(join(tmpdir(), 'charter-crash-'));
      return { store: { dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
    },
  },
  ...testBackends
    .filter((backend) => backend.name === 'postgres')
    .map((backend) => ({
      name: 'PostgreSQL',
      async create() {
        const { store, drop } = await backend.create();
        return { store: { databaseUrl: (store as { databaseUrl: string }).databaseUrl }, drop };
      },
    })),
];

describe.each(stores)('kill -9 in the middle of a registration storm ($name)', ({ create }) => {
  it('keeps every acknowledged registration and nothing half-written', async () => {
    const { store, drop } = await create();
    try {
      const first = await spawnServer(store);
      const storm = registrationStorm(first.url);
      // Registrations cost ~0.2 s each (compatibility and semver checks), so wait for a few acks.
      const deadline = Date.now() + 20_000;
      while (storm.acks.length < 12 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await first.kill9(); // requests are in flight: the storm never stopped
      await storm.stop();
      expect(storm.acks.length).toBeGreaterThan(5);

      const second = await spawnServer(store);
      try {
        await assertIntact(second.url, storm.acks);
        // And it takes writes again, numbering on from where the crash left off.
        const after = await call(second.url, 'POST', '/subjects/crash.A/versions', register(numberedSchema(1_000_000)));
        expect(after.status).toBe(200);
        expect(after.body.version).toBe((await call(second.url, 'GET', '/subjects/crash.A/versions')).body.length);
      } finally {
        await second.stop();
      }
    } finally {
      await drop();
    }
  }, 90_000);
});
