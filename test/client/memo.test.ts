import { describe, expect, it } from 'vitest';
import { Memo } from '../../client/registry/memo.js';

describe('Memo', () => {
  it('shares one load between concurrent gets of a key', async () => {
    const memo = new Memo<number>();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 7;
    };
    expect(await Promise.all([memo.get('k', Infinity, load), memo.get('k', Infinity, load)])).toEqual([7, 7]);
    expect(loads).toBe(1);
  });

  it('expires entries after their time to live', async () => {
    let now = 0;
    const memo = new Memo<number>(() => now);
    let loads = 0;
    await memo.get('k', 100, async () => ++loads);
    now = 99;
    expect(await memo.get('k', 100, async () => ++loads)).toBe(1);
    now = 100;
    expect(await memo.get('k', 100, async () => ++loads)).toBe(2);
  });

  it('does not cache a failed load', async () => {
    const memo = new Memo<number>();
    await expect(memo.get('k', Infinity, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get('k', Infinity, async () => 1)).toBe(1);
  });
});
