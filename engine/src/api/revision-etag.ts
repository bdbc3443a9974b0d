import { SwitchboardError } from '../errors.ts';

/**
 * A draft's revision as an HTTP entity tag: `"3"`. Strong, because `If-Match`
 * compares strongly (RFC 9110 §13.1.1): a weak tag could never match.
 */
export function revisionETag(revision: number): string {
  return `"${revision}"`;
}

const ENTITY_TAG = /^"([1-9][0-9]{0,9})"$/;
/** The column is a Postgres integer: no draft reaches a revision past this, and asking for one would fail in the query. */
const MAX_REVISION = 2_147_483_647;

/**
 * The revisions an `If-Match` header accepts: undefined when there is no
 * precondition (no header, or `*`: the workflow exists, which the write checks
 * anyway). A list (`"3", "4"`) accepts any of them. A tag that is not one of
 * ours is refused as invalid rather than treated as a conflict, since no
 * reload would ever make it match.
 */
export function parseIfMatch(header: string | readonly string[] | undefined): readonly number[] | undefined {
  if (header === undefined) return undefined;
  const value = typeof header === 'string' ? header : header.join(',');
  if (value.trim() === '*') return undefined;
  const revisions: number[] = [];
  for (const tag of value.split(',').map((part) => part.trim())) {
    const match = ENTITY_TAG.exec(tag);
    const revision = Number(match?.[1]);
    if (match === null || revision > MAX_REVISION) {
      throw new SwitchboardError(
        'REQUEST_INVALID',
        `If-Match ${JSON.stringify(tag)} is not a draft revision: send the ETag that GET /api/workflows/:id returned, e.g. If-Match: "3".`,
        {
          issues: [
            { path: '/headers/if-match', code: 'REQUEST_INVALID', message: `If-Match must be a quoted revision like "3", found ${JSON.stringify(tag)}.` },
          ],
        },
      );
    }
    revisions.push(revision);
  }
  return revisions;
}
