/**
 * Console benchmark (`npm run bench -- ui`), in Debian's Chromium against a listening registry:
 *  - first load: the compressed bytes of the scripts and styles the console's page loads, against
 *    the 200 KB goal for JavaScript;
 *  - subject list: from navigation to a rendered first page of 10,000 subjects (catalog fetch and
 *    all), then narrowing them with the prefix filter;
 *  - diff: from navigation to the rendered diff of two 1,000-property versions (server diff,
 *    counterexamples and both schemas printed with their changed paths marked).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
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

/** Registers `count` one-version subjects, `width` at a time; a third carry an owner. */
async function registerSubjects(url: string, count: number, width = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const owner = i % 3 === 0 ? { metadata: { properties: { owner: `team-${i % 7}` } } } : {};
      const name = `bench.domain${String(i % 50).padStart(2, '0')}.Event${String(i).padStart(5, '0')}`;
      const { status, body } = await call(url, 'POST', `/subjects/${name}/versions`, { schema: JSON.stringify({ type: 'object', title: name }), ...owner });
      if (status !== 200) throw new Error(`registering ${name}: ${status} ${JSON.stringify(body)}`);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
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
    let started = performance.now();
    await registerSubjects(registry.url, SUBJECTS);
    console.log(`(setup: ${SUBJECTS} subjects registered over HTTP in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const [v1, v2] = widePair();
    await call(registry.url, 'PUT', '/config/bench.Wide', { compatibility: 'NONE' });
    for (const schema of [v1, v2]) {
      const { status } = await call(registry.url, 'POST', '/subjects/bench.Wide/versions', { schema: JSON.stringify(schema) });
      if (status !== 200) throw new Error(`registering bench.Wide: ${status}`);
    }

    const page = await browser.newPage();
    const timings = { list: [] as number[], filter: [] as number[], diff: [] as number[], apiDiff: [] as number[] };
    for (let round = 0; round < 3; round++) {
      await page.goto(`${registry.url}/ui/#/subjects`);
      await page.reload(); // a full load each round: performance.now() counts from its navigation
      await page.waitForFunction(`document.querySelector('#subject-count')?.textContent === '${SUBJECTS + 1} subjects' && document.querySelectorAll('table.subjects tbody tr').length === 50`, undefined, { timeout: 120_000 });
      timings.list.push((await page.evaluate('performance.now()')) as number);
      const before = (await page.evaluate('performance.now()')) as number;
      await page.getByLabel('Name prefix').fill('bench.domain07.');
      await page.waitForFunction(`document.querySelector('#subject-count')?.textContent === '200 of ${SUBJECTS + 1} subjects'`);
      timings.filter.push(((await page.evaluate('performance.now()')) as number) - before);

      await page.goto(`${registry.url}/ui/#/subjects/bench.Wide/diff?from=1.0.0&to=2.0.0`);
      await page.reload();
      await page.waitForFunction(`document.querySelector('#verdict-heading') && document.querySelectorAll('.code').length === 2 && document.querySelectorAll('.code .line').length > ${PROPS * 4}`, undefined, { timeout: 120_000 });
      timings.diff.push((await page.evaluate('performance.now()')) as number);
      started = performance.now();
      await call(registry.url, 'GET', '/subjects/bench.Wide/diff?from=1.0.0&to=2.0.0');
      timings.apiDiff.push(performance.now() - started);
    }
    const best = (values: number[]) => `${Math.min(...values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`;
    console.log(`subject list, ${SUBJECTS} subjects, navigation to first page rendered: ${best(timings.list)}`);
    console.log(`subject list, prefix filter over ${SUBJECTS} subjects: ${best(timings.filter)}`);
    console.log(`diff of two ${PROPS}-property versions, navigation to rendered diff: ${best(timings.diff)}`);
    console.log(`  of which GET /subjects/{s}/diff alone: ${best(timings.apiDiff)}`);
  } finally {
    await browser.close();
    await registry.close();
  }
}
