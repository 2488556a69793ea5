import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startChild } from './support/child-server.js';

const LINES = 20_000;
const PER_LINE_HTTP_SAMPLE = 500;
const repoRoot = fileURLToPath(new URL('../', import.meta.url));

const v1 = { type: 'object', required: ['orderId', 'totalAmount'], properties: { orderId: { type: 'string' }, totalAmount: { type: 'number' }, currency: { type: 'string' } }, additionalProperties: false };
const v2 = {
  type: 'object',
  required: ['orderId', 'pricing'],
  properties: { orderId: { type: 'string' }, pricing: { type: 'object', required: ['total', 'currency'], properties: { total: { type: 'number' }, currency: { type: 'string' } } } },
  additionalProperties: false,
};
const upgrade = '{ "orderId": orderId, "pricing": { "total": totalAmount, "currency": currency ? currency : "EUR" } }';

async function post(url: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Runs the built CLI (what users run) and returns its wall time in ms. */
function timeCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(repoRoot, 'dist/bin/charter.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`charter ${args[0]} exited ${code}: ${stderr}`))));
  });
}

/**
 * `charter validate` and `charter upcast` over 20,000 NDJSON lines (the contract fetched once, run
 * locally by the SDK), against the floor the issue sets (10,000 lines/s) and against one registry
 * call per line (the old behaviour) measured in the same run. Process start-up is included.
 */
export default async function run(): Promise<void> {
  const server = await startChild(['bin/charter.ts', 'serve', '--memory', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent']);
  try {
    const subject = 'order.OrderPlaced';
    await post(server.url, `/subjects/${subject}/versions`, { schema: JSON.stringify(v1), semver: '1.0.0' });
    await post(server.url, `/subjects/${subject}/versions`, {
      schema: JSON.stringify(v2),
      semver: '2.0.0',
      ruleSet: { migrationRules: [{ name: 'to-v2', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: upgrade }] },
    });
    const dir = await mkdtemp(join(tmpdir(), 'charter-bench-cli-'));
    const input = join(dir, 'events.ndjson');
    const lines = Array.from({ length: LINES }, (_, i) => JSON.stringify({ orderId: `o${i}`, totalAmount: i % 500, ...(i % 3 === 0 ? { currency: 'USD' } : {}) }));
    await writeFile(input, `${lines.join('\n')}\n`);

    const validateMs = await timeCli(['validate', '--registry', server.url, '--subject', subject, '--version', '1.0.0', '--input', input]);
    const upcastMs = await timeCli(['upcast', '--registry', server.url, '--subject', subject, '--from', '1.0.0', '--to', '2.0.0', '--input', input]);

    const started = performance.now();
    for (const line of lines.slice(0, PER_LINE_HTTP_SAMPLE)) await post(server.url, `/subjects/${subject}/versions/1/validate`, { event: JSON.parse(line) });
    const perLineHttp = PER_LINE_HTTP_SAMPLE / ((performance.now() - started) / 1000);

    const rate = (ms: number) => LINES / (ms / 1000);
    const row = (name: string, ms: number) =>
      `${name.padEnd(9)} ${LINES.toLocaleString('en')} lines in ${(ms / 1000).toFixed(2)} s = ${Math.round(rate(ms)).toLocaleString('en')} lines/s` +
      `  (${(rate(ms) / 10_000).toFixed(2)}× the 10,000 lines/s floor, ${(rate(ms) / perLineHttp).toFixed(1)}× one registry call per line)`;
    process.stdout.write(`${row('validate', validateMs)}\n${row('upcast', upcastMs)}\n`);
    process.stdout.write(`one registry call per line: ${Math.round(perLineHttp).toLocaleString('en')} lines/s (${PER_LINE_HTTP_SAMPLE} lines)\n`);
  } finally {
    await server.stop();
  }
}
