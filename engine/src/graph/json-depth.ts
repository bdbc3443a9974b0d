import { escapePointerSegment } from './json-pointer.ts';

/**
 * How many levels of arrays and objects a document the engine takes in may
 * nest: a request body, a workflow definition, a step's output. `[]` is one
 * level, `{"a":[1]}` two.
 *
 * Much of what handles a document is recursive (ajv's compiled validators,
 * structuredClone, JSON.stringify, liquidjs, our own walkers, Postgres' jsonb
 * input), and the shallowest of them, structuredClone, runs out of stack at
 * about 1,600 levels of objects on Node 24; past that a request became a 500
 * instead of an answer. 128 keeps a margin of ten times below that and stays
 * far above real documents: a definition
 * nests about six levels plus whatever a node's config holds (an HTTP body),
 * and payloads of third parties' webhooks (GitHub, Stripe, Shopify, Slack's
 * blocks) stay under twenty. It is also serde_json's default recursion limit.
 */
export const MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/**
 * How deep arrays and objects nest in JSON text, read in one pass over its
 * characters without parsing it: no recursion and no allocation, so it is safe
 * to run on any request before JSON.parse and the recursive code after it see
 * the document. Brackets inside strings do not count. The scan stops as soon as
 * the depth passes `stopAbove`, answering `stopAbove + 1`.
 *
 * Invalid JSON gets a finite answer with no meaning; JSON.parse reports what is
 * wrong with it.
 *
 * @example
 * measureJsonTextDepth('{"a":[1,"]"]}') // 2
 */
export function measureJsonTextDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  const { length } = text;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = closingQuote(text, index);
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return deepest;
}

type Level = { kind: 'array'; index: number } | { kind: 'object'; key: string | undefined; isKeyNext: boolean };

/**
 * The JSON Pointer of the first array or object in JSON text that opens deeper
 * than `limit` levels, read from the text as measureJsonTextDepth reads it:
 * nothing is parsed, so a body a million levels deep is answered without
 * building a million arrays (V8's JSON.parse takes about 300 ms for that).
 * Undefined when nothing is that deep, or when a key on the way is not a valid
 * JSON string. For invalid JSON the pointer is a best guess.
 *
 * @example
 * findTooDeepInText('{"a":[1,[2]]}', 2) // '/a/1'
 */
export function findTooDeepInText(text: string, limit = MAX_JSON_DEPTH): string | undefined {
  const levels: Level[] = [];
  const { length } = text;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    const level = levels.at(-1);
    if (code === QUOTE) {
      const end = closingQuote(text, index);
      if (level?.kind === 'object' && level.isKeyNext) {
        const key = decodeKey(text.slice(index, end + 1));
        if (key === undefined) return undefined;
        level.key = key;
        level.isKeyNext = false;
      }
      index = end;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (levels.length === limit) return levels.map(segmentOf).join('');
      levels.push(code === OPEN_BRACKET ? { kind: 'array', index: 0 } : { kind: 'object', key: undefined, isKeyNext: true });
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      levels.pop();
    } else if (code === COMMA && level !== undefined) {
      if (level.kind === 'array') level.index += 1;
      else level.isKeyNext = true;
    }
  }
  return undefined;
}

/**
 * The index of the quote that closes the string opening at `start`, or the
 * text's end. A quote after an odd number of backslashes is escaped (`\"`);
 * after an even number (`\\"`) it closes. indexOf jumps over a long string at
 * native speed, many times faster than reading it character by character.
 */
function closingQuote(text: string, start: number): number {
  let quote = start;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
  }
}

function decodeKey(quoted: string): string | undefined {
  try {
    const key: unknown = JSON.parse(quoted);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

function segmentOf(level: Level): string {
  return `/${level.kind === 'array' ? level.index : escapePointerSegment(level.key ?? '')}`;
}

/**
 * The JSON Pointer of the first array or object, in document order, that sits
 * deeper than `limit` levels inside `value`, or undefined when there is none.
 * Never looks more than `limit + 1` levels down, so a value nested a million
 * levels deep costs no more stack than one at the limit.
 *
 * @example
 * findTooDeep({ a: [[1]] }, 2) // '/a/0'
 */
export function findTooDeep(value: unknown, limit = MAX_JSON_DEPTH): string | undefined {
  return findBelow(value, limit, '');
}

function findBelow(value: unknown, levelsLeft: number, path: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (levelsLeft === 0) return path;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findBelow(value[index], levelsLeft - 1, `${path}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = findBelow(item, levelsLeft - 1, `${path}/${escapePointerSegment(key)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
