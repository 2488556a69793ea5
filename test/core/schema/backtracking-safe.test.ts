import { describe, expect, it } from 'vitest';
import { backtrackingSafe } from '../../../core/schema/backtracking-safe.js';

describe('which patterns may run on V8’s backtracking engine', () => {
  const safe = ['^[A-Z]{3}$', '^[a-z0-9-]+$', '^\\d{4}-\\d{2}-\\d{2}$', '^[0-9a-f]{8}-[0-9a-f]{4}$', '(a|b)c', '^\\p{Lu}', '^.{2,4}$', 'é', '\\d', '^a\\{b'];
  const unsafe = ['[a-z]+$', '^(a+)+$', '^a*a*$', '^(a|b)*$', 'a{1,}', '^a{0,9}a{0,9}a{0,9}a{0,9}$', '(?=a)', '^a|b+c', '(a)\\1', '^(ab)?$'];

  it.each(safe)('%s runs on V8', (pattern) => expect(backtrackingSafe(pattern)).toBe(true));
  it.each(unsafe)('%s stays on RE2', (pattern) => expect(backtrackingSafe(pattern)).toBe(false));

  it('keeps V8 linear on what it takes: hostile 200,000-character inputs match at once', () => {
    const hostile = ['a'.repeat(200_000) + '!', '-'.repeat(200_000) + 'A', '1'.repeat(200_000)];
    const started = performance.now();
    for (const pattern of safe) for (const input of hostile) new RegExp(pattern, 'u').test(input);
    // Quadratic backtracking on 200,000 characters would take minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
