import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGrant, grantsAllow, parseGrant, type Role } from '../../../server/auth/index.js';

const roles: Role[] = ['reader', 'writer', 'admin'];
const subject = fc.stringMatching(/^[a-zA-Z0-9._-]{1,20}$/);

describe('role grants', () => {
  it('parse the forms an auth file or a token may hold, and print back the same text', () => {
    expect(parseGrant('writer')).toEqual({ role: 'writer', scope: { kind: 'all' } });
    expect(parseGrant('writer:*')).toEqual({ role: 'writer', scope: { kind: 'all' } });
    expect(parseGrant('reader:order.*')).toEqual({ role: 'reader', scope: { kind: 'prefix', prefix: 'order.' } });
    expect(parseGrant('admin:orders-value')).toEqual({ role: 'admin', scope: { kind: 'exact', subject: 'orders-value' } });
    for (const text of ['writer', 'reader:order.*', 'admin:orders-value']) expect(formatGrant(parseGrant(text))).toBe(text);
  });

  it('read a context-qualified pattern after the role', () => {
    expect(parseGrant('writer::.team-a:*')).toEqual({ role: 'writer', scope: { kind: 'prefix', prefix: ':.team-a:' } });
    expect(parseGrant('reader::.team-a:orders')).toEqual({ role: 'reader', scope: { kind: 'exact', subject: ':.team-a:orders' } });
  });

  it('refuse anything else rather than guess', () => {
    for (const text of ['owner', 'constructor', 'toString:order.*', 'writer:', 'writer:a*b', 'writer:**', 'writer:a:b', 'writer::team:x', 'writer::.a:b:c', '']) expect(() => parseGrant(text)).toThrow();
  });

  it('reach a subject exactly when it starts with the prefix, for the role and every role below it', () => {
    fc.assert(
      fc.property(subject, subject, fc.constantFrom(...roles), fc.constantFrom(...roles), (prefix, name, granted, asked) => {
        const grants = [parseGrant(`${granted}:${prefix}*`)];
        const expected = name.startsWith(prefix) && roles.indexOf(granted) >= roles.indexOf(asked);
        expect(grantsAllow(grants, asked, { on: 'subject', subject: name })).toBe(expected);
      }),
    );
  });

  it('reach every subject only when unscoped', () => {
    expect(grantsAllow([parseGrant('admin:order.*')], 'admin', { on: 'all' })).toBe(false);
    expect(grantsAllow([parseGrant('admin:order.*')], 'reader', { on: 'any' })).toBe(true);
    expect(grantsAllow([parseGrant('admin')], 'admin', { on: 'all' })).toBe(true);
    expect(grantsAllow([], 'reader', { on: 'any' })).toBe(false);
  });
});
