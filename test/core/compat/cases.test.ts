/**
 * Table-driven rule tests: one JSON file per rule family in ./cases, each case
 * `{description, a (older), b (newer), mode, policy, compatible, kinds, references?, newReferences?}`.
 * `kinds` must all appear among the reported changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { changeKinds, checkCompatibility, type CompatibilityLevel, type CompatibilityPolicy, type JsonSchema, type ReferencedSchemas } from '../../../core/compat/index.js';

interface Case {
  description: string;
  a: JsonSchema;
  b: JsonSchema;
  mode: CompatibilityLevel;
  policy: CompatibilityPolicy;
  compatible: boolean;
  kinds: string[];
  references?: ReferencedSchemas;
  newReferences?: ReferencedSchemas;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const families = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe.each(families)('%s', (family) => {
  const cases = JSON.parse(readFileSync(join(dir, family), 'utf8')) as Case[];
  it.each(cases.map((c) => [c.description, c] as const))('%s', (_description, c) => {
    for (const k of c.kinds) expect(Object.keys(changeKinds), `unknown kind ${k} in the case file`).toContain(k);
    const result = checkCompatibility(
      { schema: c.b, references: c.newReferences ?? c.references },
      [{ schema: c.a, references: c.references, version: 1 }],
      c.mode,
      { policy: c.policy },
    );
    const kinds = result.changes.map((ch) => ch.kind);
    expect(result.compatible, JSON.stringify(result.changes, null, 1)).toBe(c.compatible);
    for (const k of c.kinds) expect(kinds, JSON.stringify(result.changes, null, 1)).toContain(k);
    for (const ch of result.changes) {
      expect(ch.message.length).toBeGreaterThan(10);
      expect(ch.path === '' || ch.path.startsWith('/')).toBe(true);
    }
  });
});
