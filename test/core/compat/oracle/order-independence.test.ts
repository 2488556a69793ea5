/**
 * Verdicts never depend on earlier requests: every corpus is answered once in this process, all
 * cases shuffled together and interleaved with unrelated comparisons in other drafts (which fill
 * the engine's caches), and once per corpus in a fresh process. The answers must be identical.
 */
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, type JsonSchema } from '../../../../core/compat/index.js';
import { defaultCorpusDir } from '../../../../scripts/conformance.js';
import { loadCorpora, verdictOf } from './corpora.js';
import { familyNames, pairOf } from './families.js';
import { freshSeed, Rng } from './random.js';

const run = promisify(execFile);
const runner = fileURLToPath(new URL('./corpus-run.ts', import.meta.url));

async function inFreshProcess(name: string): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', runner, name], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Record<string, string>;
}

describe('order independence', () => {
  it('answers every corpus alike shuffled in one process and alone in a fresh process', async () => {
    const seed = freshSeed();
    console.log(`order-independence seed ${seed} (replay: ORACLE_SEED=${seed})`);
    const rng = new Rng(seed);
    const corpora = loadCorpora();
    const names = Object.keys(corpora);
    const all = rng.shuffle(Object.values(corpora).flat());
    const shuffled: Record<string, string> = {};
    for (const c of all) {
      // an unrelated comparison before each case, as other requests would come in between
      const noise = pairOf(rng, familyNames[rng.int(0, familyNames.length - 1)]!);
      checkCompatibility({ schema: noise.reader as JsonSchema, references: noise.readerRefs as never }, [{ schema: noise.writer as JsonSchema, references: noise.writerRefs as never }], 'FULL', { policy: noise.policy });
      shuffled[c.id] = verdictOf(c);
    }
    const fresh: Record<string, string> = {};
    for (let i = 0; i < names.length; i += 2) {
      const answers = await Promise.all(names.slice(i, i + 2).map(inFreshProcess));
      for (const a of answers) Object.assign(fresh, a);
    }
    expect(Object.keys(fresh).length).toBe(all.length);
    // Our corpora hold 140-odd cases; Confluent's diff corpus (when present) 500 more.
    expect(all.length).toBeGreaterThan(existsSync(defaultCorpusDir) ? 600 : 100);
    const differing = Object.keys(fresh).filter((id) => fresh[id] !== shuffled[id]).map((id) => `${id}: fresh ${fresh[id]} / shuffled ${shuffled[id]}`);
    expect(differing, `seed ${seed}`).toEqual([]);
  }, 120_000);
});
