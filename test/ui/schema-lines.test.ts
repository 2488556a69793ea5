import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaLines, severityLookup } from '../../ui/src/components/schema-lines.js';

/** RFC 6901, written here for the test: the oracle the printer's pointers are judged by. */
function resolve(document: unknown, pointer: string): { found: boolean; value?: unknown } {
  let node = document;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return { found: false };
    node = (node as Record<string, unknown>)[token];
  }
  return { found: true, value: node };
}

const keys = fc.oneof(fc.constantFrom('type', 'properties', 'a/b', 'x~y', '', 'required'), fc.string({ maxLength: 4 }));
const json = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 5 })), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(keys, tie('v'), { maxKeys: 4 })),
})).v.map((value) => JSON.parse(JSON.stringify(value)) as unknown);

describe('the console schema printer', () => {
  it('prints JSON that parses back to the document, each line carrying a pointer that resolves in it', () => {
    const seed = Number(process.env.SEED ?? Date.now() % 2 ** 31);
    console.log('seed', seed);
    let runs = 0;
    fc.assert(
      fc.property(json, (document) => {
        runs++;
        const lines = schemaLines(document);
        expect(JSON.parse(lines.map((line) => '  '.repeat(line.depth) + line.text).join('\n'))).toEqual(document);
        for (const line of lines) expect(resolve(document, line.pointer).found, line.pointer).toBe(true);
      }),
      { numRuns: 500, seed },
    );
    expect(runs).toBe(500);
  });

  it('marks a changed member and everything inside it, the most severe change winning', () => {
    const severity = severityLookup([
      { path: '/properties/total', severity: 'breaking' },
      { path: '/properties/total/description', severity: 'annotation' },
      { path: '/properties', severity: 'change' },
      { path: '', severity: 'annotation' },
    ]);
    expect(severity('/properties/total/description')).toBe('breaking');
    expect(severity('/properties/totalAmount')).toBe('change');
    expect(severity('/properties')).toBe('change');
    expect(severity('/required')).toBeUndefined();
    expect(severity('')).toBe('annotation');
  });
});
