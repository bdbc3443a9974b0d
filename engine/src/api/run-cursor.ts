import { isUuid } from '../engine.ts';

/** Where a page of runs ended: runs are listed by (createdAt, id) descending. */
export interface RunCursor {
  readonly createdAt: Date;
  readonly id: string;
}

/**
 * Encodes the last run of a page as an opaque `before` cursor. Opaque so clients
 * pass it back unchanged rather than build one, which leaves the ordering free to change.
 */
export function encodeRunCursor(run: RunCursor): string {
  return Buffer.from(JSON.stringify([run.createdAt.toISOString(), run.id])).toString('base64url');
}

/** The cursor's position, or null when the text is not a cursor `encodeRunCursor` made. */
export function decodeRunCursor(cursor: string): RunCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !isUuid(id)) return null;
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? null : { createdAt: date, id };
}
