import { describe, expect, it } from 'vitest';
import { convertValue, kindOfValue } from './any-value.ts';

describe('a value of any type', () => {
  it('reads its kind from the value, nothing yet as text', () => {
    expect([undefined, 'vip', 3, true, null, ['a', 'b'], { a: 1 }, [1]].map(kindOfValue)).toEqual([
      'text',
      'text',
      'number',
      'boolean',
      'null',
      'list',
      'json',
      'json',
    ]);
  });

  it('keeps what it can when the kind changes', () => {
    expect(convertValue('42', 'number')).toBe(42);
    expect(convertValue('abc', 'number')).toBe(0);
    expect(convertValue('vip, gold', 'list')).toEqual(['vip', 'gold']);
    expect(convertValue(['vip', 'gold'], 'text')).toBe('vip, gold');
    expect(convertValue({ a: 1 }, 'text')).toBe('{"a":1}');
    expect(convertValue('true', 'boolean')).toBe(true);
    expect(convertValue(undefined, 'json')).toEqual({});
    expect(convertValue('x', 'null')).toBeNull();
  });
});
