import { MAX_JSON_DEPTH } from './json-depth.ts';
import { escapePointerSegment } from './json-pointer.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** How either can be written in JSON text: only as an escape, since raw U+0000 is not valid JSON and UTF-8 cannot carry a lone surrogate. */
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/**
 * What Postgres cannot store of a string, in a text column or inside jsonb:
 * U+0000, and a lone UTF-16 surrogate (JSON.stringify writes it as `\ud800`,
 * which jsonb refuses; a text column would silently get U+FFFD instead).
 * Undefined when the string is fine.
 */
export function textDefect(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains the character U+0000, which Postgres cannot store; remove it';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which Postgres cannot store; use String.prototype.toWellFormed()';
  return undefined;
}

/** Whether JSON text may hold a string textDefect refuses: a quick test of the text that spares the walk for almost every body. */
export function mayHoldUnstorableText(jsonText: string): boolean {
  return jsonText.includes('\\u') && UNSTORABLE_ESCAPE.test(jsonText);
}

export interface UnstorableText {
  readonly path: string;
  readonly defect: string;
  readonly isKey: boolean;
}

/**
 * The strings and keys of a JSON value that Postgres cannot store, in document
 * order, at most `limit` of them. Looks no deeper than MAX_JSON_DEPTH levels.
 */
export function findUnstorableText(value: unknown, limit = 100): UnstorableText[] {
  const found: UnstorableText[] = [];
  visit(value, '', 0, found, limit);
  return found;
}

function visit(value: unknown, path: string, depth: number, found: UnstorableText[], limit: number): void {
  if (found.length >= limit) return;
  if (typeof value === 'string') {
    const defect = textDefect(value);
    if (defect !== undefined) found.push({ path, defect, isKey: false });
    return;
  }
  if (value === null || typeof value !== 'object' || depth >= MAX_JSON_DEPTH) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) visit(value[index], `${path}/${index}`, depth + 1, found, limit);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const memberPath = `${path}/${escapePointerSegment(key)}`;
    const keyDefect = textDefect(key);
    if (keyDefect !== undefined && found.length < limit) found.push({ path: memberPath, defect: keyDefect, isKey: true });
    visit(item, memberPath, depth + 1, found, limit);
  }
}
