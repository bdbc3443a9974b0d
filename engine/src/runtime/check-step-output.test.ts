import { describe, expect, it } from 'vitest';
import { findUnstorable } from './check-step-output.ts';

describe('findUnstorable', () => {
  it('accepts what JSON stores or drops on purpose', () => {
    const shared = { id: 1 };
    expect(
      findUnstorable({ when: new Date(0), a: shared, b: [shared, shared], gone: undefined, list: [undefined, null, 1.5, 'ok', true], nan: Number.NaN }),
    ).toBeUndefined();
  });

  it('names the first value JSON cannot store by its pointer', () => {
    expect(findUnstorable({ order: { total: 10n } })).toEqual({ path: '/order/total', reason: expect.stringContaining('is a BigInt') });
    expect(findUnstorable({ list: [1, Symbol('x')] })).toEqual({ path: '/list/1', reason: expect.stringContaining('is a symbol') });
    expect(findUnstorable({ 'a/b': { '~': () => 1 } })).toEqual({ path: '/a~1b/~0', reason: expect.stringContaining('is a function') });
    const loop: unknown[] = [];
    loop.push({ back: loop });
    expect(findUnstorable({ loop })).toEqual({ path: '/loop/0/back', reason: expect.stringContaining('a cycle') });
  });

  it('refuses strings and keys that Postgres jsonb cannot hold', () => {
    expect(findUnstorable({ text: 'a\u0000b' })).toEqual({ path: '/text', reason: expect.stringContaining('U+0000') });
    expect(findUnstorable({ text: 'half \uD83D' })).toEqual({ path: '/text', reason: expect.stringContaining('lone UTF-16 surrogate') });
    expect(findUnstorable({ 'k\u0000': 1 })).toEqual({ path: '/k\u0000', reason: expect.stringContaining('has a key that contains the character U+0000') });
    expect(findUnstorable({ emoji: '\uD83D\uDE00' })).toBeUndefined();
  });

  it('follows toJSON the way JSON.stringify does', () => {
    expect(findUnstorable({ money: { toJSON: () => 5n } })).toEqual({ path: '/money', reason: expect.stringContaining('is a BigInt') });
    expect(findUnstorable({ money: { amount: 5n, toJSON: () => '5' } })).toBeUndefined();
  });
});
