import { describe, expect, it } from 'vitest';
import {
  changeKinds,
  checkCompatibility,
  classifyChange,
  compatibilityLevels,
  diffSchemas,
  findCounterexample,
  type JsonSchema,
} from '../../../core/compat/index.js';
import { compileValidator, sampleInstances } from '../../../core/schema/instances.js';

const enumAB = { schema: { enum: ['a', 'b'] }, version: 1 };
const enumA = { schema: { enum: ['a'] }, version: 2 };

describe('checkCompatibility levels', () => {
  it('lists the seven levels', () => {
    expect(compatibilityLevels).toEqual(['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE']);
  });

  it('non-transitive levels check the newest earlier version only; transitive ones all of them', () => {
    const candidate = { schema: { enum: ['a'] } };
    const previous = [enumA, enumAB]; // newest first
    expect(checkCompatibility(candidate, previous, 'BACKWARD').compatible).toBe(true);
    const t = checkCompatibility(candidate, previous, 'BACKWARD_TRANSITIVE');
    expect(t.compatible).toBe(false);
    expect(t.failedAgainstVersion).toBe(1);
    expect(t.messages.join(' ')).toContain('version 1');
  });

  it('forward and full', () => {
    const older = [{ schema: { type: 'integer' }, version: 1 }];
    const widened = { schema: { type: 'number' } };
    expect(checkCompatibility(widened, older, 'BACKWARD').compatible).toBe(true);
    expect(checkCompatibility(widened, older, 'FORWARD').compatible).toBe(false);
    expect(checkCompatibility(widened, older, 'FULL').compatible).toBe(false);
    expect(checkCompatibility({ schema: { type: 'integer', title: 'n' } }, older, 'FULL_TRANSITIVE').compatible).toBe(true);
  });

  it('NONE is compatible and still reports the changes', () => {
    const r = checkCompatibility({ schema: { type: 'string' } }, [{ schema: { type: 'number' } }], 'NONE');
    expect(r.compatible).toBe(true);
    expect(r.changes.map((c) => c.kind)).toContain('TYPE_CHANGED');
  });

  it('leaves the schemas it is given unchanged to the eye, and works on frozen ones', () => {
    const older = { type: 'object', properties: { id: { type: 'string' }, n: { type: 'integer' } }, required: ['id'] };
    const newer = { type: 'object', properties: { id: { type: 'string' }, n: { type: 'number' } }, required: ['id'] };
    const before = JSON.stringify([older, newer]);
    expect(checkCompatibility({ schema: newer }, [{ schema: older }], 'BACKWARD').compatible).toBe(true);
    // the engine caches per node, but nothing a caller can see changes
    expect(JSON.stringify([older, newer])).toBe(before);
    expect(Object.keys(older.properties.id)).toEqual(['type']);
    expect(older).toStrictEqual(JSON.parse(before)[0]);
    const deepFreeze = <T>(v: T): T => {
      if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) deepFreeze(x);
      return Object.freeze(v);
    };
    const frozenOld = deepFreeze(JSON.parse(before)[0]);
    const frozenNew = deepFreeze(JSON.parse(before)[1]);
    expect(checkCompatibility({ schema: frozenNew }, [{ schema: frozenOld }], 'BACKWARD').compatible).toBe(true);
    expect(checkCompatibility({ schema: frozenOld }, [{ schema: frozenNew }], 'BACKWARD').compatible).toBe(false);
  });

  it("reasons 'on-failure' skips describing a compatible change, and still explains a failure", () => {
    const older = [{ schema: { type: 'object', properties: { a: { type: 'string' } } }, version: 1 }];
    const compatible = { schema: { type: 'object', properties: { a: { type: 'string' } }, title: 'renamed' } };
    expect(checkCompatibility(compatible, older, 'BACKWARD').changes.length).toBeGreaterThan(0);
    expect(checkCompatibility(compatible, older, 'BACKWARD', { reasons: 'on-failure' })).toMatchObject({ compatible: true, changes: [] });
    const breaking = { schema: { type: 'object', properties: { a: { type: 'integer' } } } };
    const refused = checkCompatibility(breaking, older, 'BACKWARD', { reasons: 'on-failure' });
    expect(refused.compatible).toBe(false);
    expect(refused.changes.some((c) => c.breaksBackward)).toBe(true);
    expect(refused.failedAgainstVersion).toBe(1);
  });

  it('no earlier version is always compatible', () => {
    expect(checkCompatibility({ schema: { type: 'string' } }, [], 'FULL_TRANSITIVE')).toMatchObject({ compatible: true, changes: [] });
  });
});

describe('changes', () => {
  it('merges the two directions of a change into one record with both flags', () => {
    const changes = diffSchemas({ schema: { type: 'string' } }, { schema: { type: 'number' } });
    expect(changes).toEqual([expect.objectContaining({ kind: 'TYPE_CHANGED', path: '', breaksBackward: true, breaksForward: true })]);
  });

  it('gives the brief example message for a property added to an open object', () => {
    const [change] = diffSchemas({ schema: { type: 'object', properties: { id: { type: 'string' } } } }, { schema: { type: 'object', properties: { id: { type: 'string' }, currency: { type: 'string' } } } });
    expect(change).toMatchObject({ kind: 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', path: '/properties/currency', breaksBackward: true, breaksForward: false });
    expect(change.message).toContain('property `currency` added to an open object: old events may already carry `currency` with any value');
    expect(change.message).toContain('LENIENT');
  });

  it('every catalog kind describes itself', () => {
    for (const [kind, spec] of Object.entries(changeKinds)) {
      expect(typeof spec.breaksBackward, kind).toBe('boolean');
      expect(spec.describe({ key: 'k', old: 1, new: 2, direction: 'backward' }).length, kind).toBeGreaterThan(10);
    }
  });
});

describe('classifyChange', () => {
  const base = { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false };
  it('patch for annotations only', () => {
    expect(classifyChange({ schema: base }, { schema: { ...base, description: 'An order', properties: { id: { type: 'string', title: 'Id', examples: ['x'] } } } }, 'BACKWARD')).toBe('patch');
  });
  it('minor when compatible under the level', () => {
    expect(classifyChange({ schema: base }, { schema: { ...base, properties: { ...base.properties, note: { type: 'string' } } } }, 'BACKWARD')).toBe('minor');
  });
  it('major when not', () => {
    expect(classifyChange({ schema: base }, { schema: { ...base, properties: { id: { type: 'number' } } } }, 'BACKWARD')).toBe('major');
  });
});

describe('counterexamples', () => {
  it('is an event valid under the writer and invalid under the reader, checked with ajv', () => {
    const older = { type: 'object', properties: { amount: { type: 'number', maximum: 100 } }, required: ['amount'] };
    const newer = { type: 'object', properties: { amount: { type: 'number', maximum: 50 } }, required: ['amount'] };
    const r = checkCompatibility({ schema: newer }, [{ schema: older, version: 4 }], 'BACKWARD');
    expect(r.compatible).toBe(false);
    expect(r.counterexample).toMatchObject({ direction: 'backward', writer: 'older', againstVersion: 4 });
    const event = r.counterexample!.event;
    expect(compileValidator(older)!(event)).toBe(true);
    expect(compileValidator(newer)!(event)).toBe(false);
  });

  it('finds a value for a property added to an open object', () => {
    const writer = { type: 'object', properties: { id: { type: 'string' } } };
    const reader = { type: 'object', properties: { id: { type: 'string' }, currency: { type: 'string', enum: ['EUR'] } } };
    const event = findCounterexample({ schema: writer }, { schema: reader });
    expect(event).toBeDefined();
    expect(compileValidator(writer)!(event)).toBe(true);
    expect(compileValidator(reader)!(event)).toBe(false);
  });

  it('returns undefined when the writer is a subset', () => {
    expect(findCounterexample({ schema: { type: 'integer' } }, { schema: { type: 'number' } })).toBeUndefined();
  });
});

describe('sampleInstances', () => {
  it('is deterministic and every instance validates', () => {
    const schema = { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, n: { type: 'integer', minimum: 3, multipleOf: 3 }, tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2,4}$' }, uniqueItems: true } }, required: ['id', 'n'] };
    // Deterministic for any seed: a fresh one each run, printed so a failure replays.
    const seed = Math.floor(Math.random() * 2 ** 31);
    console.log(`sampleInstances seed ${seed}`);
    const a = sampleInstances(schema, { count: 15, seed });
    const b = sampleInstances(schema, { count: 15, seed });
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(5);
    const v = compileValidator(schema)!;
    for (const x of a) expect(v(x)).toBe(true);
  });

  it('handles recursive schemas and references', () => {
    const schema = { $defs: { node: { type: 'object', properties: { v: { type: 'integer' }, kids: { type: 'array', items: { $ref: '#/$defs/node' } }, owner: { $ref: 'person.json' } }, required: ['v'] } }, $ref: '#/$defs/node' };
    const references = { 'person.json': { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } };
    const out = sampleInstances(schema, { references, count: 10 });
    expect(out.length).toBeGreaterThan(3);
    const v = compileValidator(schema, references)!;
    for (const x of out) expect(v(x)).toBe(true);
  });

  it('returns nothing for an unsatisfiable schema', () => {
    expect(sampleInstances({ allOf: [{ type: 'string' }, { type: 'number' }] })).toEqual([]);
    expect(sampleInstances(false)).toEqual([]);
  });
});

describe('robustness: no input crashes the engine or runs unbounded', () => {
  const deep = (n: number): JsonSchema => {
    let s: JsonSchema = { type: 'string' };
    for (let i = 0; i < n; i++) s = { type: 'object', properties: { x: s } };
    return s;
  };
  const cases: Array<[string, JsonSchema, JsonSchema]> = [
    ['very deep nesting', deep(2000), deep(2000)],
    ['deep nesting, different', deep(400), deep(401)],
    ['self reference without descent', { $ref: '#' }, { type: 'string' }],
    ['mutual allOf references', { $defs: { a: { allOf: [{ $ref: '#/$defs/b' }] }, b: { allOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' }, true],
    ['invalid regex', { type: 'string', pattern: '([' }, { type: 'string', pattern: '(' }],
    ['wide anyOf product', { allOf: Array.from({ length: 12 }, () => ({ anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] })) }, { type: 'string' }],
    ['non-schema values', { type: 42, properties: 'x', items: 3, required: 'a' } as unknown as JsonSchema, { minimum: 'a', enum: 'b' } as unknown as JsonSchema],
    ['huge enum', { enum: Array.from({ length: 20_000 }, (_, i) => i) }, { type: 'integer', maximum: 100 }],
    ['remote refs', { $ref: 'http://example.com/s.json' }, { $ref: 'file:///etc/passwd' }],
  ];
  it.each(cases)('%s', (_name, a, b) => {
    const started = Date.now();
    for (const level of ['FULL', 'BACKWARD'] as const) {
      const r = checkCompatibility({ schema: b }, [{ schema: a }], level);
      expect(typeof r.compatible).toBe('boolean');
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
