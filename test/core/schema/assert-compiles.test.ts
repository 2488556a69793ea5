import { describe, expect, it } from 'vitest';
import { assertCompiles } from '../../../core/schema/assert-compiles.js';

describe('assertCompiles (the registry’s compile check, on a reused ajv)', () => {
  it('accepts the same $id in check after check: nothing of one schema stays for the next', () => {
    for (let i = 0; i < 3; i++) {
      expect(() => assertCompiles({ $id: 'urn:charter:order', type: 'object', properties: { n: { $id: 'urn:charter:n', type: 'integer' } } })).not.toThrow();
    }
  });

  it('forgets the references of the previous check', () => {
    const references = { 'money.json': { type: 'object', properties: { amount: { type: 'number' } } } };
    expect(() => assertCompiles({ $ref: 'money.json' }, references)).not.toThrow();
    expect(() => assertCompiles({ $ref: 'money.json' })).toThrow(/money\.json/);
  });

  it('reports what ajv cannot compile, and keeps working after a failure', () => {
    expect(() => assertCompiles({ $ref: '#/$defs/missing' })).toThrow(/missing/);
    expect(() => assertCompiles({ type: 'string', pattern: '(?<=a)b' })).toThrow();
    expect(() => assertCompiles({ $defs: { a: { $id: 'urn:dup' }, b: { $id: 'urn:dup' } } })).toThrow(/more than one schema/);
    expect(() => assertCompiles({ type: 'string', pattern: '^[a-z]+$' })).not.toThrow();
  });

  it('stays correct across many checks (the instance is recycled)', () => {
    for (let i = 0; i < 1200; i++) assertCompiles({ $id: `urn:charter:s${i % 3}`, type: 'object', properties: { [`f${i}`]: { type: 'string' } } });
    expect(() => assertCompiles({ $ref: '#/$defs/gone' })).toThrow();
  });
});
