import fc from 'fast-check';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { runCli, tempDir, writeFiles } from '../support/run-cli.js';

/*
 * Random contract folders, judged twice by independent code paths: `charter check` offline (the
 * gate running core/policy and the verification function in the CLI) and the registry itself (a
 * dry run of what push sends, through HTTP, `check --registry`'s registry verdict). They must
 * agree on the first refused version and why, and `push` must then register all of it or nothing.
 */

const closed = (properties: Record<string, object>, required: string[]) => ({ type: 'object', properties, required, additionalProperties: false });
const pool: object[] = [
  closed({ id: { type: 'string' }, amount: { type: 'number' } }, ['id', 'amount']),
  closed({ id: { type: 'string' }, amount: { type: 'number' }, currency: { type: 'string' } }, ['id', 'amount']),
  { ...closed({ id: { type: 'string' }, amount: { type: 'number' } }, ['id', 'amount']), description: 'annotated' },
  closed({ id: { type: 'string' }, amount: { type: 'number' }, currency: { type: 'string' } }, ['id', 'amount', 'currency']),
  closed({ id: { type: 'string' }, total: { type: 'integer' } }, ['id', 'total']),
  { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } }, required: ['id'] },
];
const rules = ['$', '{ "id": id, "total": 1 }', '{ "id": id, "amount": 1 }'];

const version = fc.record({
  schema: fc.nat(pool.length - 1),
  bump: fc.constantFrom('patch', 'minor', 'major') as fc.Arbitrary<'patch' | 'minor' | 'major'>,
  upgrade: fc.option(fc.nat(rules.length - 1), { nil: undefined, freq: 2 }),
});
const folder = fc.record({
  level: fc.constantFrom('BACKWARD', 'FORWARD', 'FULL', 'NONE', 'BACKWARD_TRANSITIVE'),
  requireMigration: fc.boolean(),
  versions: fc.array(version, { minLength: 1, maxLength: 4 }),
});

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

interface Report {
  findings: Array<{ severity: string; semver: string; check: string }>;
  registry?: Array<{ refused?: { semver: string; check: string } }>;
}

describe('random contract folders', () => {
  it('get the same verdict from the offline gate and from the registry, and push registers all or nothing', async () => {
    const seed = Date.now() ^ Math.floor(Math.random() * 2 ** 31);
    console.log(`random-parity seed: ${seed}`);
    let runs = 0;
    const verdicts = new Set<string>();
    await fc.assert(
      fc.asyncProperty(folder, async ({ level, requireMigration, versions }) => {
        const subject = `rnd.s${seed & 0xffff}.n${runs++}`;
        const files: Record<string, unknown> = { [`${subject}/subject.json`]: { compatibility: level, requireMigration } };
        let current = '1.0.0';
        const semvers: string[] = [];
        versions.forEach((v, i) => {
          if (i > 0) current = semver.inc(current, v.bump)!;
          semvers.push(current);
          files[`${subject}/${current}.schema.json`] = pool[v.schema];
          if (i > 0 && v.upgrade !== undefined) files[`${subject}/${current}.upgrade.jsonata`] = rules[v.upgrade];
        });
        const dir = await tempDir('charter-random-');
        await writeFiles(dir, files);

        const offline = await runCli(['check', dir, '--format', 'json']);
        const online = await runCli(['check', dir, '--registry', registry.url, '--format', 'json']);
        const why = `${JSON.stringify(files)}\noffline: ${offline.stdout}\nregistry: ${online.stdout}${online.stderr}`;
        expect(offline.code, why).toBeLessThan(2);
        const offlineFirst = (JSON.parse(offline.stdout) as Report).findings.find((f) => f.severity === 'error');
        const registryRefusal = (JSON.parse(online.stdout) as Report).registry?.[0]?.refused;
        expect(registryRefusal && { semver: registryRefusal.semver, check: registryRefusal.check }, why).toEqual(
          offlineFirst && { semver: offlineFirst.semver, check: offlineFirst.check },
        );
        verdicts.add(offlineFirst?.check ?? 'accepted');

        const pushed = await runCli(['push', dir, '--registry', registry.url]);
        expect(pushed.code, why).toBe(offline.code);
        const found = await call(registry.url, 'GET', `/subjects/${subject}/semvers`);
        const registered = found.status === 200 ? found.body.map((e: { semver: string }) => e.semver) : [];
        expect(registered, why).toEqual(offlineFirst ? [] : semvers);
      }),
      { seed, numRuns: 30 },
    );
    expect(runs).toBe(30);
    console.log(`random-parity verdicts seen: ${[...verdicts].join(', ')}`);
    // The generator reaches both sides of the policy: accepted folders and refused ones.
    expect(verdicts.has('accepted')).toBe(true);
    expect(verdicts.size).toBeGreaterThan(2);
  }, 120_000);
});
