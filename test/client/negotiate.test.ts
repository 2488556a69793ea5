import { describe, expect, it } from 'vitest';
import { readerVersion } from '../../client/negotiate/reader-version.js';
import { writerVersion } from '../../client/negotiate/writer-version.js';

const registered = ['1.0.0', '1.1.0', '2.0.0', '2.1.0'];

describe('readerVersion', () => {
  it('picks the highest registered version inside the range', () => {
    const entries = registered.map((semver) => ({ semver }));
    expect(readerVersion(entries, '^2.0.0')).toEqual({ semver: '2.1.0' });
    expect(readerVersion(entries, '~1.1.0')).toEqual({ semver: '1.1.0' });
    expect(readerVersion(entries, '^3.0.0')).toBeUndefined();
  });
});

describe('writerVersion', () => {
  it('keeps the producer version when nobody declared a range', () => {
    expect(writerVersion(registered, [], '2.1.0')).toBe('2.1.0');
  });

  it('downcasts to the newest version all readers take', () => {
    expect(writerVersion(registered, ['~1.1.0', '>=1.0.0'], '2.1.0')).toBe('1.1.0');
    expect(writerVersion(registered, ['^2.0.0'], '2.1.0')).toBe('2.1.0');
  });

  it('never writes newer than the producer when an older version satisfies everyone', () => {
    expect(writerVersion(registered, ['>=1.0.0'], '2.0.0')).toBe('2.0.0');
  });

  it('upcasts minimally when every reader needs a newer version', () => {
    expect(writerVersion(registered, ['^2.0.0'], '1.1.0')).toBe('2.0.0');
  });

  it('has no answer when the ranges do not overlap', () => {
    expect(writerVersion(registered, ['^1.0.0', '^2.0.0'], '2.0.0')).toBeUndefined();
  });
});
