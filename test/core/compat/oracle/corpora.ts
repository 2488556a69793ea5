/**
 * The case corpora the order-independence test replays: the rule tables of ../cases and, where
 * the folder exists, Confluent's diff corpus (read in place from shared/conformance, never copied).
 * A verdict is the compatible flag and the sorted breaking change kinds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCompatibility, type CompatibilityLevel, type CompatibilityPolicy, type JsonSchema, type ReferencedSchemas } from '../../../../core/compat/index.js';
import { defaultCorpusDir } from '../../../../scripts/conformance.js';

export interface CorpusCase {
  id: string;
  older: JsonSchema;
  newer: JsonSchema;
  olderRefs?: ReferencedSchemas;
  newerRefs?: ReferencedSchemas;
  level: CompatibilityLevel;
  policy: CompatibilityPolicy;
}

const casesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases');

export function loadCorpora(): Record<string, CorpusCase[]> {
  const corpora: Record<string, CorpusCase[]> = {};
  for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort()) {
    const list = JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as Array<{ a: JsonSchema; b: JsonSchema; mode: CompatibilityLevel; policy: CompatibilityPolicy; references?: ReferencedSchemas; newReferences?: ReferencedSchemas }>;
    corpora[`cases/${file}`] = list.map((c, i) => ({ id: `cases/${file}#${i}`, older: c.a, newer: c.b, olderRefs: c.references, newerRefs: c.newReferences ?? c.references, level: c.mode, policy: c.policy }));
  }
  if (existsSync(defaultCorpusDir)) {
    for (const file of readdirSync(defaultCorpusDir).filter((f) => f.startsWith('diff-') && f.endsWith('.json')).sort()) {
      const text = readFileSync(join(defaultCorpusDir, file), 'utf8').replace(/,(\s*[}\]])/g, '$1');
      const list = JSON.parse(text) as Array<{ original_schema: JsonSchema; update_schema: JsonSchema }>;
      corpora[`confluent/${file}`] = list.flatMap((c, i) =>
        (['STRICT', 'LENIENT'] as const).map((policy) => ({ id: `confluent/${file}#${i}/${policy}`, older: c.original_schema, newer: c.update_schema, level: 'FULL' as const, policy })),
      );
    }
  }
  return corpora;
}

export function verdictOf(c: CorpusCase): string {
  const result = checkCompatibility({ schema: c.newer, references: c.newerRefs }, [{ schema: c.older, references: c.olderRefs, version: 1 }], c.level, { policy: c.policy });
  const breaking = [...new Set(result.changes.filter((ch) => ch.breaksBackward || ch.breaksForward).map((ch) => ch.kind))].sort();
  return `${result.compatible}|${breaking.join(',')}`;
}
