import { describe, expect, it } from 'vitest';
import { findUnstorableText, mayHoldUnstorableText, textDefect } from './storable-text.ts';

describe('textDefect', () => {
  it('refuses U+0000 and lone surrogates, and takes surrogate pairs', () => {
    expect(textDefect('a\u0000b')).toContain('U+0000');
    expect(textDefect('half \uD83D')).toContain('lone UTF-16 surrogate');
    expect(textDefect('\uDE00 first')).toContain('lone UTF-16 surrogate');
    expect(textDefect('emoji \uD83D\uDE00')).toBeUndefined();
  });
});

describe('mayHoldUnstorableText', () => {
  it('spots the escapes that can write them, and nothing else', () => {
    expect(mayHoldUnstorableText('{"a":"\\u0000"}')).toBe(true);
    expect(mayHoldUnstorableText('{"a":"\\uDBFF"}')).toBe(true);
    expect(mayHoldUnstorableText('{"a":"\\u00e9 \\n plain"}')).toBe(false);
    expect(mayHoldUnstorableText('{"a":"u0000"}')).toBe(false);
  });
});

describe('findUnstorableText', () => {
  it('points at each string and key, in document order, up to the limit', () => {
    const value = { list: ['ok', 'a\u0000'], ['k\uD800']: { deep: '\uDC00' }, fine: '\uD83D\uDE00' };
    expect(findUnstorableText(value).map(({ path, isKey }) => [path, isKey])).toEqual([
      ['/list/1', false],
      ['/k\uD800', true],
      ['/k\uD800/deep', false],
    ]);
    expect(findUnstorableText(value, 1)).toHaveLength(1);
    expect(findUnstorableText('\u0000')).toEqual([{ path: '', defect: expect.stringContaining('U+0000'), isKey: false }]);
  });
});
