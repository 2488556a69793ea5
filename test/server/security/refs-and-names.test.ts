import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const registerSchema = (subject: string, schema: unknown) =>
  call(registry.url, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) });

describe('$ref that cannot be followed is refused at registration with 42201', () => {
  it.each([
    ['a loop through an $anchor', { $ref: '#A', $defs: { a: { $anchor: 'A', $ref: '#A' } } }],
    ['a two-step loop through anchors', { $ref: '#A', $defs: { a: { $anchor: 'A', allOf: [{ $ref: '#B' }] }, b: { $anchor: 'B', anyOf: [{ $ref: '#A' }] } } }],
    ['a draft-07 loop through an $id fragment', { $schema: 'http://json-schema.org/draft-07/schema#', definitions: { a: { $id: '#A', allOf: [{ $ref: '#A' }] } }, $ref: '#A' }],
  ])('%s', async (_what, schema) => {
    const response = await registerSchema('refs.Loop', schema);
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error_code: 42201, message: expect.stringMatching(/\$ref loop/) });
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])('$ref "%s" (an Object.prototype name, not a reference)', async (name) => {
    const response = await registerSchema('refs.Proto', { $ref: name });
    expect(response.status).toBe(422);
    expect(response.body.error_code).toBe(42201);
    expect(response.body.message).toMatch(/does not resolve/);
  });

  it('keeps every later validation working: nothing was stored', async () => {
    expect((await call(registry.url, 'GET', '/subjects')).body).toEqual([]);
  });

  it('still accepts recursion through an anchor that consumes the event', async () => {
    const tree = { $ref: '#Node', $defs: { node: { $anchor: 'Node', type: 'object', properties: { children: { type: 'array', items: { $ref: '#Node' } } } } } };
    expect((await registerSchema('refs.Tree', tree)).status).toBe(200);
    const valid = await call(registry.url, 'POST', '/subjects/refs.Tree/versions/1/validate', { event: { children: [{ children: [] }] } });
    expect(valid.body.valid).toBe(true);
  });
});

describe('subject names', () => {
  it.each([
    ['a C1 control (U+0085)', 'order.\u0085Placed'],
    ['a right-to-left override (U+202E)', 'order.\u202eecalPredro'],
    ['a left-to-right embedding (U+202A)', '\u202aorder.Placed'],
    ['a zero-width space (U+200B)', 'order.\u200bPlaced'],
    ['a zero-width joiner (U+200D)', 'order.Pla\u200dced'],
    ['a byte-order mark (U+FEFF)', '\ufefforder.Placed'],
    ['a soft hyphen (U+00AD)', 'order.Pla\u00adced'],
    ['an Arabic letter mark (U+061C)', 'order.\u061cPlaced'],
    ['a tag character (U+E0041)', 'order.Placed\u{e0041}'],
    ['DEL (U+007F)', 'order.\u007fPlaced'],
  ])('refuses %s with 42208 and names it as an escape', async (_what, subject) => {
    const response = await registerSchema(subject, { type: 'string' });
    expect(response.status).toBe(422);
    expect(response.body.error_code).toBe(42208);
    expect(response.body.message).toMatch(/\\u/);
    expect(response.body.message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  it('still accepts letters from any script', async () => {
    for (const subject of ['commandes.Passée', '注文.作成', 'заказ.Создан', 'orders-value']) {
      expect((await registerSchema(subject, { type: 'string' })).status, subject).toBe(200);
    }
  });
});
