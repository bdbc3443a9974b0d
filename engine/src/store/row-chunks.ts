/**
 * The protocol counts a statement's bind parameters in 16 bits: one statement takes at most
 * 65,535, and past that the count wraps and Postgres refuses the whole statement (6,000 step rows
 * of 13 columns: "bind message has 12555 parameter formats but 0 parameters"). A store function
 * that inserts a list of any length writes it in chunks whose parameters stay far below that.
 */
export const MAX_STATEMENT_PARAMETERS = 65_535;

/**
 * Parameters one chunk may take. Far below the limit, so a column added later cannot tip a chunk
 * over it, and a statement stays small enough to parse and plan quickly; a segment's usual few
 * hundred step rows (13 columns each) still go in one statement.
 */
export const CHUNK_PARAMETERS = 10_000;

/**
 * Splits rows for a multi-row insert so that no chunk takes more than `maxParameters` bind
 * parameters. A row takes one per column the statement lists: the union of the rows' keys,
 * since Kysely writes `default` where a row lacks one.
 */
export function rowChunks<Row extends object>(rows: readonly Row[], maxParameters: number = CHUNK_PARAMETERS): Row[][] {
  if (rows.length === 0) return [];
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  const rowsPerChunk = Math.max(1, Math.floor(maxParameters / Math.max(1, columns.size)));
  const chunks: Row[][] = [];
  for (let start = 0; start < rows.length; start += rowsPerChunk) chunks.push(rows.slice(start, start + rowsPerChunk));
  return chunks;
}
