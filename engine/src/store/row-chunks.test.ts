import { describe, expect, it } from 'vitest';
import { CHUNK_PARAMETERS, MAX_STATEMENT_PARAMETERS, rowChunks } from './row-chunks.ts';

const row = (n: number) => ({ a: n, b: n, c: n, d: n, e: n, f: n, g: n, h: n, i: n, j: n, k: n, l: n, m: n });

describe('rowChunks', () => {
  it('keeps every chunk of a 13-column insert within the parameter budget, rows in order', () => {
    const rows = Array.from({ length: 6_003 }, (_, n) => row(n));
    const chunks = rowChunks(rows);
    for (const chunk of chunks) expect(chunk.length * 13).toBeLessThanOrEqual(CHUNK_PARAMETERS);
    expect(chunks.flat()).toEqual(rows);
    expect(chunks).toHaveLength(Math.ceil(6_003 / Math.floor(CHUNK_PARAMETERS / 13)));
    expect(CHUNK_PARAMETERS).toBeLessThan(MAX_STATEMENT_PARAMETERS / 4);
  });

  it('counts the columns of all rows, not only the first', () => {
    const rows = [{ a: 1 }, { a: 2, b: 2, c: 3, d: 4 }, { a: 3 }, { a: 4 }];
    expect(rowChunks(rows, 8)).toEqual([rows.slice(0, 2), rows.slice(2, 4)]);
  });

  it('puts a segment of a few hundred steps in one statement', () => {
    expect(rowChunks(Array.from({ length: 502 }, (_, n) => row(n)))).toHaveLength(1);
  });

  it('gives no chunk for no rows and one row per chunk when a row alone fills the budget', () => {
    expect(rowChunks([])).toEqual([]);
    expect(rowChunks([row(1), row(2)], 5)).toEqual([[row(1)], [row(2)]]);
  });
});
