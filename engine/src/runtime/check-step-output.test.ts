import { describe, expect, it } from 'vitest';
import type { CompiledNode } from '../graph/compile-graph.ts';
import { MAX_JSON_DEPTH } from '../graph/json-depth.ts';
import { checkStepOutput, findUnstorable, MAX_RUN_VARIABLES_BYTES, MAX_STEP_OUTPUT_BYTES, MAX_VARIABLE_BYTES, measureJson } from './check-step-output.ts';

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

  it('refuses arrays and objects nested past the depth limit, and walks no further', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findUnstorable({ body: deep })).toEqual({
      path: `/body${'/0'.repeat(MAX_JSON_DEPTH - 1)}`,
      reason: expect.stringContaining('nested more than 128 levels'),
    });
    let atLimit: unknown = 'bottom';
    for (let level = 0; level < MAX_JSON_DEPTH; level += 1) atLimit = [atLimit];
    expect(findUnstorable(atLimit)).toBeUndefined();
  });
});

/** What JSON.stringify writes for a value, in UTF-8 bytes: what the stored row takes. */
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Ana', ' ', '"', '\\', '\n', '\t', '\b', '\f', '\r', '\u0001', '\u001f', '\u007f', 'é', 'ñ', '€', '漢', '😀', '\u2028', '~', '/'];

function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth > 3 || pick < 0.45) {
    const kind = Math.floor(next() * 7);
    if (kind === 0) return null;
    if (kind === 1) return next() < 0.5;
    if (kind === 2) return [0, -1, 1.5, 1e21, 2 ** 53, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e-7][Math.floor(next() * 9)];
    if (kind === 3) return new Date(Math.floor(next() * 2e12));
    return Array.from({ length: Math.floor(next() * 6) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
  }
  if (pick < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => (next() < 0.1 ? undefined : randomValue(next, depth + 1)));
  const object: Record<string, unknown> = {};
  for (let index = Math.floor(next() * 4); index > 0; index -= 1) {
    object[String(randomValue(next, 9))] = next() < 0.1 ? undefined : randomValue(next, depth + 1);
  }
  return object;
}

describe('measureJson', () => {
  it('counts the UTF-8 bytes JSON.stringify writes, escapes and all', () => {
    const fixed: unknown[] = [
      null,
      true,
      false,
      0,
      -12.5,
      Number.NaN,
      '',
      'plain',
      'say "hi"\\',
      '\u0001\b\t\n\f\r\u001f',
      'canción ñandú € 漢字 😀',
      [],
      [undefined, 1],
      {},
      { gone: undefined, kept: 1, when: new Date(0), nested: { list: [{ a: 'b' }] } },
      { toJSON: () => 'replaced' },
      { member: { toJSON: () => undefined } },
    ];
    for (const value of fixed) expect(measureJson(value), JSON.stringify(value)).toEqual({ bytes: jsonBytes(value) });
    for (let seed = 1; seed <= 300; seed += 1) {
      const value = randomValue(random(seed), 0);
      expect(measureJson(value), `seed ${seed}`).toEqual({ bytes: jsonBytes(value) });
    }
  });

  it('names the deepest part over a limit, or the whole when no part alone is', () => {
    const big = 'x'.repeat(100);
    expect(measureJson({ a: { body: big }, b: 1 }, '/output', 50)).toEqual({
      bytes: jsonBytes({ a: { body: big }, b: 1 }),
      over: { path: '/output/a/body', bytes: 102 },
    });
    const many = Array.from({ length: 10 }, () => 'x'.repeat(10));
    expect(measureJson({ many }, '/output', 50)).toMatchObject({ over: { path: '/output/many' } });
    expect(measureJson({ many }, '/output', 1_000)).toEqual({ bytes: jsonBytes({ many }) });
  });
});

describe('checkStepOutput size caps', () => {
  const node = { id: 'fetch', type: 'acme.fetch' } as CompiledNode;
  const thrown = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error as { code: string; message: string; details: unknown };
    }
    throw new Error('expected a throw');
  };

  it('fails an output over the cap, naming the node, the pointer and the size against the cap', () => {
    const body = 'x'.repeat(MAX_STEP_OUTPUT_BYTES);
    const error = thrown(() => checkStepOutput({ kind: 'next', port: 'next', output: { status: 200, body } }, node, {}));
    expect(error).toMatchObject({
      code: 'STEP_OUTPUT_TOO_LARGE',
      details: { nodeId: 'fetch', path: '/output/body', bytes: MAX_STEP_OUTPUT_BYTES + 2, limitBytes: MAX_STEP_OUTPUT_BYTES },
    });
    expect(error.message).toContain(
      'Node "fetch" (acme.fetch) returned too much to store: /output is 1,048,600 bytes as JSON (/output/body alone 1,048,578 bytes)',
    );
    expect(error.message).toContain("more than the 1,048,576 bytes a step's output may be");
    expect(thrown(() => checkStepOutput({ kind: 'wait', output: {}, wait: { signal: { key: 'k' }, state: { body } } }, node, {}))).toMatchObject({
      code: 'STEP_OUTPUT_TOO_LARGE',
      details: { path: '/wait/state/body' },
    });
  });

  it('accepts an output at the cap', () => {
    const output = 'x'.repeat(MAX_STEP_OUTPUT_BYTES - 2);
    expect(checkStepOutput({ kind: 'next', port: 'next', output }, node, {})).toMatchObject({ output });
  });

  it('fails a variable over its cap, and variables that together pass theirs, counting those the run holds', () => {
    const one = thrown(() => checkStepOutput({ kind: 'next', port: 'next', output: {}, vars: { notes: 'x'.repeat(MAX_VARIABLE_BYTES) } }, node, {}));
    expect(one).toMatchObject({
      code: 'RUN_VARIABLES_TOO_LARGE',
      details: { path: '/vars/notes', bytes: MAX_VARIABLE_BYTES + 2, limitBytes: MAX_VARIABLE_BYTES },
    });
    const chunk = 'x'.repeat(200_000);
    const held = { a: chunk, b: chunk, c: chunk, d: chunk, small: 1 };
    expect(checkStepOutput({ kind: 'next', port: 'next', output: {}, vars: { e: chunk } }, node, held)).toBeDefined();
    // Replacing a variable counts its new size only; clearing one frees its room.
    expect(checkStepOutput({ kind: 'next', port: 'next', output: {}, vars: { a: chunk, e: chunk, f: undefined } }, node, { ...held, f: chunk })).toBeDefined();
    const all = thrown(() => checkStepOutput({ kind: 'next', port: 'next', output: {}, vars: { e: chunk, f: chunk } }, node, held));
    expect(all).toMatchObject({
      code: 'RUN_VARIABLES_TOO_LARGE',
      details: { path: '/vars', bytes: jsonBytes({ ...held, e: chunk, f: chunk }), limitBytes: MAX_RUN_VARIABLES_BYTES },
    });
    expect(all.message).toContain('the largest are /vars/a (200,002 bytes), /vars/b (200,002 bytes), /vars/c (200,002 bytes)');
  });
});
