/**
 * The package as a user meets it: packed, installed into a fresh project outside the repo, code
 * generated from a contracts folder, a producer and a consumer type-checked under the strictest
 * common settings (no skipLibCheck), built with plain `tsc`, and run against a listening registry.
 * The producer writes order.OrderPlaced 1.0.0; the consumer reads ^2.0.0 and gets it migrated.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientPackage } from '../../scripts/build-client-package.js';
import { runCharter } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { orderFiles, subject } from '../cli/support/order-contracts.js';
import { writeFiles } from '../cli/support/run-cli.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: false,
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
  },
  include: ['src'],
};

const main = `import { EventCodec, MemoryBus, NatsTransport, Publisher, RegistryClient, Subscriber, type Transport } from 'charter-client';
import { OrderPlacedV1_0_0Event, type OrderPlacedV1_0_0, type OrderPlacedV2_0_0 } from './generated/index.js';

const registry = new RegistryClient({ url: process.env.CHARTER_REGISTRY ?? 'http://127.0.0.1:8081' });
const codec = new EventCodec({ registry, source: 'shop' });
const transport: Transport = process.env.NATS_URL
  ? await NatsTransport.connect({ servers: process.env.NATS_URL, stream: process.env.STREAM ?? 'CHARTER_PKG', prefix: \`\${process.env.STREAM ?? 'pkg'}.\` })
  : new MemoryBus().connect();

// The consumer reads 2.x: a 1.0.0 event reaches it migrated by the subject's UPGRADE rule.
const received = new Promise<OrderPlacedV2_0_0>((resolve) => {
  void new Subscriber({ codec, transport, group: 'billing' }).subscribe<OrderPlacedV2_0_0>('${subject}', { accept: '^2.0.0' }, (event) => resolve(event.data));
});

// The producer still writes 1.0.0.
const order: OrderPlacedV1_0_0 = { orderId: 'o-1', totalAmount: 42 };
// The precompiled validator is part of the build: plain tsc emitted it beside this file.
const validated = OrderPlacedV1_0_0Event.validate(order) && !OrderPlacedV1_0_0Event.validate({ orderId: 'o-2' });
await new Publisher({ codec, transport }).publish('${subject}', order, { version: '1.0.0', aggregateId: order.orderId });

const data = await received;
process.stdout.write(JSON.stringify({ total: data.pricing.total, currency: data.pricing.currency, validated }) + '\\n');
await (transport as { close?: () => Promise<void> }).close?.();
process.exit(0);
`;

describe('charter-client installed into a fresh project', () => {
  let registry: TestRegistry;
  let project: string;
  let installedBytes = 0;

  beforeAll(async () => {
    registry = await startRegistry();
    project = await mkdtemp(join(tmpdir(), 'charter-user-'));
    const contracts = join(project, 'contracts');
    await writeFiles(contracts, orderFiles());
    const pushed = await runCharter(['push', contracts, '--registry', registry.url]);
    if (pushed.code !== 0) throw new Error(pushed.stdout + pushed.stderr);

    const built = await buildClientPackage(join(project, 'charter-client-package'));
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: built.dir });
    const tarball = join(project, stdout.trim().split('\n').pop()!);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies: { 'charter-client': `file:${tarball}` } }, null, 2),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: project, timeout: 240_000 });
    // @types/node for the user's own code (process, imports): the project's choice, not the package's.
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', `@types/node@${(await devTypesNode())}`], { cwd: project, timeout: 240_000 });
    installedBytes = Number((await run('du', ['-sb', join(project, 'node_modules')])).stdout.split('\t')[0]);
  }, 300_000);

  afterAll(async () => {
    await registry?.close();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('installs light: no server, storage engine or HTTP framework, well under 20 MB', async () => {
    const installed = JSON.parse((await run('npm', ['ls', '--all', '--json', '--omit=dev'], { cwd: project })).stdout) as { dependencies: Record<string, unknown> };
    const names = JSON.stringify(installed);
    for (const heavy of ['@electric-sql/pglite', 'fastify', '"pg"', 'prom-client', 'json-schema-to-typescript']) expect(names).not.toContain(heavy);
    process.stdout.write(`charter-client installed size: ${(installedBytes / 1e6).toFixed(1)} MB of node_modules (incl. @types/node)\n`);
    expect(installedBytes).toBeLessThan(20e6);
  });

  it('generates code, type-checks it strictly, builds it with plain tsc and runs it against the registry', async () => {
    const generated = await runCharter(['codegen', '--schemas', join(project, 'contracts'), '--out', join(project, 'src/generated'), '--import-path', 'charter-client']);
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    await writeFile(join(project, 'src/main.ts'), main);

    const build = await run(process.execPath, [tsc, '-p', project], { cwd: project }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(build.stdout).toBe('');

    const started = await run(process.execPath, [join(project, 'dist/main.js')], {
      cwd: project,
      timeout: 60_000,
      env: { ...process.env, CHARTER_REGISTRY: registry.url, STREAM: `PKG_${Date.now()}` },
    });
    expect(JSON.parse(started.stdout)).toEqual({ total: 42, currency: 'EUR', validated: true });
  });
});

/** The @types/node major the repo builds with, so the user project matches Node 20. */
async function devTypesNode(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies['@types/node']!.replace(/^\^/, '');
}
