import { describe, expect, it } from 'vitest';
import { findTooDeep, findTooDeepInText, MAX_JSON_DEPTH, measureJsonTextDepth } from './json-depth.ts';

const deepArrayText = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('measureJsonTextDepth', () => {
  it('counts nested arrays and objects, and nothing for scalars', () => {
    expect(measureJsonTextDepth('1')).toBe(0);
    expect(measureJsonTextDepth('"text"')).toBe(0);
    expect(measureJsonTextDepth('[]')).toBe(1);
    expect(measureJsonTextDepth('{"a":[1,{"b":{}}],"c":[]}')).toBe(4);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    expect(measureJsonTextDepth('["[[[{{{", {"]]]": "}\\"[[[", "k\\\\": "["}]')).toBe(2);
    expect(measureJsonTextDepth('["\\\\", [1]]')).toBe(2);
  });

  it('stops as soon as the depth passes the bound', () => {
    expect(measureJsonTextDepth(deepArrayText(1000), 10)).toBe(11);
  });

  it('measures a million levels without recursion', () => {
    expect(measureJsonTextDepth(deepArrayText(1_000_000))).toBe(1_000_000);
  });

  it('gives invalid JSON a finite answer', () => {
    expect(measureJsonTextDepth('[[[{"unterminated')).toBe(4);
    expect(measureJsonTextDepth(']]]')).toBe(0);
  });
});

describe('findTooDeep', () => {
  it('accepts a value exactly at the limit', () => {
    expect(findTooDeep(JSON.parse(deepArrayText(MAX_JSON_DEPTH)))).toBeUndefined();
    expect(findTooDeep(JSON.parse(deepArrayText(MAX_JSON_DEPTH + 1)))).toBe('/0'.repeat(MAX_JSON_DEPTH));
  });

  it('points at the first array or object past the limit, in document order, with escaped segments', () => {
    expect(findTooDeep({ flat: [1, 2], 'a/b': { '~': [[]] } }, 3)).toBe('/a~1b/~0/0');
    expect(findTooDeep([{ x: 1 }, [[1], [[2]]]], 3)).toBe('/1/1/0');
    expect(findTooDeep({ a: { b: 'deep text [[[[' } }, 2)).toBeUndefined();
  });

  it('walks no deeper than the limit, so 100,000 levels cost no stack', () => {
    let value: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) value = { a: value };
    expect(findTooDeep(value, 3)).toBe('/a/a/a');
  });
});

describe('findTooDeepInText', () => {
  it('points where findTooDeep points on the parsed value', () => {
    const texts = [
      '{"flat":[1,2],"a/b":{"~":[[]]}}',
      '[{"x":1},[[1],[[2]]]]',
      '{"a":{"b":"deep text [[[["}}',
      '{"k\\u0041\\"":[{}, {"z":[[]]}]}',
      ' [ 1 , { "a" : [ [ ] ] } ] ',
    ];
    for (const text of texts) expect(findTooDeepInText(text, 3), text).toBe(findTooDeep(JSON.parse(text), 3));
    expect(findTooDeepInText('[{"x":1},[[1],[[2]]]]', 3)).toBe('/1/1/0');
  });

  it('answers 100,000 levels with the pointer at the limit, reading no further', () => {
    expect(findTooDeepInText('['.repeat(100_000), MAX_JSON_DEPTH)).toBe('/0'.repeat(MAX_JSON_DEPTH));
    expect(findTooDeepInText('{"a":'.repeat(100_000), MAX_JSON_DEPTH)).toBe('/a'.repeat(MAX_JSON_DEPTH));
  });

  it('gives up on a key that is not a JSON string', () => {
    expect(findTooDeepInText('{"bad\\x":[[[[', 2)).toBeUndefined();
  });
});
