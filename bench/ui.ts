/**
 * Console benchmark (`npm run bench -- ui`), in Debian's Chromium against a listening registry:
 *  - first load: the compressed bytes of the scripts and styles the console's page loads, against
 *    the 200 KB goal for JavaScript;
 *  - subject list: from navigation to a rendered first page of 10,000 subjects (catalog fetch and
 *    all), then narrowing them with the prefix filter (the subjects are written into the store
 *    directly: registering 10,000 over HTTP is the server bench's business, not this one's);
 *  - diff: from navigation to the rendered diff of two 1,000-property versions (the engine's
 *    change list and both schemas printed with their changed paths marked), then to the two
 *    counterexamples, which the page asks for second (their search takes seconds at this width).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { SqlDriver } from '../server/storage/sql-driver.js';
import { call, startRegistry } from '../test/support/registry.js';
import { launchBrowser } from '../test/ui/support/browser.js';
import { ensureConsoleBuilt } from '../test/ui/support/console-build.js';
import { consoleBuildDir } from '../server/console/index.js';

const SUBJECTS = 10_000;
const PROPS = 1_000;
const JS_GOAL = 200 * 1024;

async function firstLoadBytes(): Promise<void> {
  const dir = consoleBuildDir()!;
  const manifest = JSON.parse(await readFile(join(dir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean; css?: string[]; imports?: string[] }>;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!;
  const js = [entry.file, ...(entry.imports ?? []).map((key) => manifest[key]!.file)];
  const files = [['index.html'], js, entry.css ?? []].flat();
  let jsGzip = 0;
  let jsBrotli = 0;
  for (const file of files) {
    const body = await readFile(join(dir, file));
    const [gz, br] = [gzipSync(body, { level: 9 }).length, brotliCompressSync(body).length];
    if (file.endsWith('.js')) [jsGzip, jsBrotli] = [jsGzip + gz, jsBrotli + br];
    console.log(`  ${file.padEnd(32)} ${String(body.length).padStart(7)} B raw, ${String(gz).padStart(6)} B gzip, ${String(br).padStart(6)} B brotli`);
  }
  console.log(`first-load JavaScript: ${jsGzip} B gzip / ${jsBrotli} B brotli = ${((jsGzip / JS_GOAL) * 100).toFixed(1)}% of the 200 KB goal`);
}

/**
 * Writes `count` one-version subjects straight into the store (a third carry an owner): the figure
 * is the console's, and 10,000 registrations over HTTP would take minutes on a loaded machine.
 */
async function seedSubjects(db: SqlDriver, count: number): Promise<void> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO charter_schemas (id, fingerprint, schema_text, refs)
     VALUES (nextval('charter_schema_ids')::integer, 'bench-ui-fixture', '{"type":"object"}', '[]') RETURNING id`,
  );
  await db.query(
    `INSERT INTO charter_versions (subject, version, schema_id, semver, metadata)
     SELECT 'bench.domain' || lpad((i % 50)::text, 2, '0') || '.Event' || lpad(i::text, 5, '0'), 1, $1, '1.0.0',
            CASE WHEN i % 3 = 0 THEN jsonb_build_object('properties', jsonb_build_object('owner', 'team-' || (i % 7))) END
     FROM generate_series(0, $2::int - 1) AS i`,
    [rows[0]!.id, count],
  );
}

/** Polls an expression in the page until it is true; answers the page's clock at that moment. */
async function pageTimeWhen(page: Page, expression: string, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Evaluated through the DevTools protocol: the console's CSP (rightly) forbids eval in the page.
    const at = (await page.evaluate(`(${expression}) ? performance.now() : null`)) as number | null;
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Two 1,000-property versions: the second drops, adds, retypes and tightens a tenth of them. */
function widePair(): [object, object] {
  const property = (i: number) => (i % 3 === 0 ? { type: 'string', maxLength: 64 } : i % 3 === 1 ? { type: 'integer', minimum: 0 } : { type: 'object', properties: { id: { type: 'string' }, n: { type: 'number' } }, additionalProperties: false });
  const v1 = { type: 'object', properties: Object.fromEntries(Array.from({ length: PROPS }, (_, i) => [`p${i}`, property(i)])), required: ['p0', 'p1'], additionalProperties: false };
  const properties: Record<string, unknown> = { ...v1.properties };
  for (let i = 0; i < PROPS; i += 40) delete properties[`p${i}`];
  for (let i = 0; i < PROPS / 40; i++) properties[`added${i}`] = { type: 'boolean' };
  for (let i = 5; i < PROPS; i += 40) properties[`p${i}`] = { type: 'string', maxLength: 8 };
  return [v1, { ...v1, properties, required: ['p1', 'p5'] }];
}

export default async function run(): Promise<void> {
  await ensureConsoleBuilt();
  await firstLoadBytes();
  const registry = await startRegistry();
  const browser = await launchBrowser();
  try {
    await seedSubjects(registry.server.db, SUBJECTS);
    const [v1, v2] = widePair();
    await call(registry.url, 'PUT', '/config/bench.Wide', { compatibility: 'NONE' });
    for (const schema of [v1, v2]) {
      const { status } = await call(registry.url, 'POST', '/subjects/bench.Wide/versions', { schema: JSON.stringify(schema) });
      if (status !== 200) throw new Error(`registering bench.Wide: ${status}`);
    }

    const page = await browser.newPage();
    const timings = { list: [] as number[], filter: [] as number[], diff: [] as number[], counterexamples: [] as number[], apiDiff: [] as number[] };
    for (let round = 0; round < 3; round++) {
      await page.goto(`${registry.url}/ui/#/subjects`);
      await page.reload(); // a full load each round: performance.now() counts from its navigation
      timings.list.push(await pageTimeWhen(page, `document.querySelector('#subject-count')?.textContent === '${SUBJECTS + 1} subjects' && document.querySelectorAll('table.subjects tbody tr').length === 50`));
      const before = (await page.evaluate('performance.now()')) as number;
      await page.getByLabel('Name prefix').fill('bench.domain07.');
      timings.filter.push((await pageTimeWhen(page, `document.querySelector('#subject-count')?.textContent === '200 of ${SUBJECTS + 1} subjects'`)) - before);

      await page.goto(`${registry.url}/ui/#/subjects/bench.Wide/diff?from=1.0.0&to=2.0.0`);
      await page.reload();
      timings.diff.push(await pageTimeWhen(page, `document.querySelector('#verdict-heading') && document.querySelectorAll('.code').length === 2 && document.querySelectorAll('.code .line').length > ${PROPS * 4}`));
      timings.counterexamples.push(await pageTimeWhen(page, `document.querySelectorAll('.counterexample').length === 2`));
      const started = performance.now();
      await call(registry.url, 'GET', '/subjects/bench.Wide/diff?from=1.0.0&to=2.0.0&counterexamples=false');
      timings.apiDiff.push(performance.now() - started);
    }
    const best = (values: number[]) => `${Math.min(...values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`;
    console.log(`subject list, ${SUBJECTS} subjects, navigation to first page rendered: ${best(timings.list)}`);
    console.log(`subject list, prefix filter over ${SUBJECTS} subjects: ${best(timings.filter)}`);
    console.log(`diff of two ${PROPS}-property versions, navigation to the change list and both schemas rendered: ${best(timings.diff)}`);
    console.log(`  GET /subjects/{s}/diff?counterexamples=false alone: ${best(timings.apiDiff)}`);
    console.log(`  both counterexamples shown (first run searches, later runs hit the server's cache): runs ${timings.counterexamples.map((v) => v.toFixed(0)).join(', ')} ms`);
  } finally {
    await browser.close();
    await registry.close();
  }
}
