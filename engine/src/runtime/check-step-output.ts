import type { CompiledNode } from '../graph/compile-graph.ts';
import { MAX_JSON_DEPTH } from '../graph/json-depth.ts';
import { escapePointerSegment } from '../graph/json-pointer.ts';
import { textDefect } from '../graph/storable-text.ts';
import type { StepResult } from '../sdk.ts';
import { SwitchboardError } from '../errors.ts';

/**
 * The largest output (or wait state, or retry error details) a step may hand back, in bytes of
 * its JSON text. An output is stored on its step row and in the run's outputs, which every later
 * segment reads, every step's scope carries and every segment writes back. 1 MiB holds a whole
 * capped HTTP response body (256 KB) with room to spare; Temporal refuses payloads over 2 MB.
 */
export const MAX_STEP_OUTPUT_BYTES = 1024 * 1024;

/** The largest one run variable may be: about what one rendered template may produce (256K characters). */
export const MAX_VARIABLE_BYTES = 256 * 1024;

/**
 * The largest a run's variables may be, all together. Every step gets a copy of them and every
 * segment writes them back whole, so they stay small: a conversation's state (ids, answers, a
 * few fetched records), not an archive.
 */
export const MAX_RUN_VARIABLES_BYTES = 1024 * 1024;

/**
 * Checks that everything a step hands back for storage (its output, the vars
 * it sets, a wait's state, a retry's error details) can be stored as JSON in
 * Postgres, and is not too large to. Without this a BigInt or a cycle makes
 * the segment's final write throw, the whole segment rolls back, and the run
 * job fails until pg-boss gives up, leaving the run `running` with no error;
 * and a node could grow a run past anything a worker can hold. Here it fails
 * the one step instead, naming the node and the JSON Pointer of the value.
 * The step's savepoint is rolled back and its output never stored, so the run
 * keeps its vars as they were before the step.
 *
 * One walk per value finds both: the size is counted as it goes, so nothing
 * is serialized to be measured. `vars` are the run's variables before the
 * step; they are measured only when the step sets some.
 *
 * Values JSON drops or rewrites on purpose stay allowed: `undefined` members,
 * `NaN` (stored as null), objects with `toJSON` (a Date).
 */
export function checkStepOutput(result: StepResult, node: CompiledNode, vars: Readonly<Record<string, unknown>>): StepResult {
  switch (result.kind) {
    case 'next':
      checkPart(node, result.output, '/output');
      if (result.vars !== undefined) checkVars(node, result.vars, vars);
      break;
    case 'jump':
      checkPart(node, result.output, '/output');
      break;
    case 'wait':
      checkPart(node, result.output, '/output');
      checkPart(node, result.wait.state, '/wait/state');
      break;
    case 'retry':
      checkPart(node, result.error.details, '/error/details');
      break;
  }
  return result;
}

const PART_NAMES: Readonly<Record<string, string>> = { '/output': 'output', '/wait/state': 'wait state', '/error/details': 'error details' };

function checkPart(node: CompiledNode, value: unknown, path: string): void {
  const measured = measureJson(value, path, MAX_STEP_OUTPUT_BYTES);
  if ('reason' in measured) throw unstorable(node, measured);
  if (measured.bytes > MAX_STEP_OUTPUT_BYTES) {
    const at = measured.over ?? { path, bytes: measured.bytes };
    throw new SwitchboardError(
      'STEP_OUTPUT_TOO_LARGE',
      `Node "${node.id}" (${node.type}) returned too much to store: ${sizeOf(path, measured)}, more than the ${bytes(MAX_STEP_OUTPUT_BYTES)} a step's ${PART_NAMES[path]} may be. Return less (the fields later steps read, or an id to fetch the rest by).`,
      { details: { nodeId: node.id, path: at.path, bytes: at.bytes, limitBytes: MAX_STEP_OUTPUT_BYTES } },
    );
  }
}

function checkVars(node: CompiledNode, set: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>>): void {
  const setBytes = new Map<string, number>();
  for (const [name, raw] of Object.entries(set)) {
    const path = `/vars/${escapePointerSegment(name)}`;
    const keyDefect = textDefect(name);
    if (keyDefect !== undefined) throw unstorable(node, { path, reason: `has a key that ${keyDefect}` });
    const value = resolveJson(raw, name);
    if (value === undefined) continue;
    const measured = measureJson(value, path, MAX_VARIABLE_BYTES);
    if ('reason' in measured) throw unstorable(node, measured);
    if (measured.bytes > MAX_VARIABLE_BYTES) {
      const at = measured.over ?? { path, bytes: measured.bytes };
      throw new SwitchboardError(
        'RUN_VARIABLES_TOO_LARGE',
        `Node "${node.id}" (${node.type}) set variable "${name}" too large to store: ${sizeOf(path, measured)}, more than the ${bytes(MAX_VARIABLE_BYTES)} one run variable may be. Keep less in it (the fields later steps read, or an id to fetch the rest by).`,
        { details: { nodeId: node.id, path: at.path, bytes: at.bytes, limitBytes: MAX_VARIABLE_BYTES } },
      );
    }
    setBytes.set(name, measured.bytes);
  }
  // The run's variables once this step's are merged in, measured as the one object they are stored as.
  const sizes: { name: string; bytes: number }[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(set)])) {
    const size = Object.hasOwn(set, name) ? setBytes.get(name) : storedBytes(before[name], name);
    if (size !== undefined) sizes.push({ name, bytes: size });
  }
  const total = sizes.reduce((sum, entry, index) => sum + (index === 0 ? 0 : 1) + (stringBytes(entry.name) ?? 0) + 1 + entry.bytes, 2);
  if (total > MAX_RUN_VARIABLES_BYTES) {
    const largest = sizes
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3)
      .map((entry) => `/vars/${escapePointerSegment(entry.name)} (${bytes(entry.bytes)})`);
    throw new SwitchboardError(
      'RUN_VARIABLES_TOO_LARGE',
      `Node "${node.id}" (${node.type}) set variables that would make /vars, all of the run's variables, ${bytes(total)} as JSON, more than the ${bytes(MAX_RUN_VARIABLES_BYTES)} they may be together; the largest are ${largest.join(', ')}. Keep less in them, or set those no longer needed to null.`,
      { details: { nodeId: node.id, path: '/vars', bytes: total, limitBytes: MAX_RUN_VARIABLES_BYTES } },
    );
  }
}

/** "/output is N bytes as JSON", and the deepest part that alone is over the limit, when it is not the whole. */
function sizeOf(path: string, measured: Measured): string {
  const whole = `${path} is ${bytes(measured.bytes)} as JSON`;
  return measured.over === undefined || measured.over.path === path ? whole : `${whole} (${measured.over.path} alone ${bytes(measured.over.bytes)})`;
}

/** The size of a variable the run already holds; undefined when JSON would drop it. */
function storedBytes(raw: unknown, name: string): number | undefined {
  const value = resolveJson(raw, name);
  if (value === undefined) return undefined;
  const measured = measureJson(value);
  return 'bytes' in measured ? measured.bytes : undefined;
}

function unstorable(node: CompiledNode, problem: Unstorable): SwitchboardError {
  return new SwitchboardError(
    'STEP_OUTPUT_INVALID',
    `Node "${node.id}" (${node.type}) returned a value that cannot be stored as JSON: ${problem.path} ${problem.reason}.`,
    { details: { nodeId: node.id, path: problem.path } },
  );
}

function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} bytes`;
}

interface Unstorable {
  readonly path: string;
  readonly reason: string;
}

/** A value that can be stored: the bytes of its JSON text (UTF-8), and its deepest part over the limit asked about. */
export interface Measured {
  readonly bytes: number;
  /** Set when the value is over `limit`: the deepest value inside it that alone is over (it may be the whole). */
  readonly over?: { readonly path: string; readonly bytes: number };
}

/**
 * Walks a value once and answers either the first part JSON.stringify would
 * throw on or drop silently, or Postgres's jsonb would refuse, with its
 * pointer; or the length in UTF-8 bytes of the JSON text JSON.stringify
 * would write for it. `path` is the pointer the value has in what the step
 * returned.
 *
 * Arrays and objects nested deeper than MAX_JSON_DEPTH are refused too: a node
 * parses text it got from outside (an HTTP response, `set_variable`'s json),
 * and a value a million levels deep would overflow the stack of this walk, of
 * JSON.stringify and of every template that reads it later. The walk stops at
 * that depth, so its own recursion is bounded as well.
 */
export function measureJson(value: unknown, path = '', limit = Number.POSITIVE_INFINITY): Unstorable | Measured {
  const walk: Walk = { ancestors: [], limit, problem: undefined, over: undefined };
  const size = measure(resolveJson(value, ''), path, walk);
  if (walk.problem !== undefined) return walk.problem;
  return walk.over === undefined ? { bytes: size } : { bytes: size, over: walk.over };
}

/** The first value JSON.stringify would throw on, drop silently, or Postgres's jsonb would refuse. */
export function findUnstorable(value: unknown): Unstorable | undefined {
  const measured = measureJson(value);
  return 'reason' in measured ? measured : undefined;
}

interface Walk {
  readonly ancestors: unknown[];
  readonly limit: number;
  problem: Unstorable | undefined;
  over: { path: string; bytes: number } | undefined;
}

/** What JSON.stringify writes for a value: what its toJSON returns, if it has one. */
function resolveJson(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return value;
}

/** The bytes of `value`'s JSON text, or -1 with `walk.problem` set. `value` has had its toJSON applied. */
function measure(value: unknown, path: string, walk: Walk): number {
  switch (typeof value) {
    case 'bigint':
      return fail(walk, path, 'is a BigInt; convert it to a number or a string');
    case 'function':
      return fail(walk, path, 'is a function; return plain data');
    case 'symbol':
      return fail(walk, path, 'is a symbol; return plain data');
    case 'undefined':
      // Only an array item or the value itself get here (members are skipped): written as null.
      return 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'string': {
      const size = stringBytes(value);
      if (size === undefined) return fail(walk, path, `is a string that ${textDefect(value)}`);
      return noteOver(walk, path, size);
    }
    case 'object': {
      if (value === null) return 4;
      if (walk.ancestors.includes(value)) return fail(walk, path, 'refers back to an object that contains it (a cycle); return a copy without the loop');
      if (walk.ancestors.length === MAX_JSON_DEPTH) {
        return fail(walk, path, `is nested more than ${MAX_JSON_DEPTH} levels deep; return flatter data (or keep the deep part as text)`);
      }
      walk.ancestors.push(value);
      try {
        let size = 2;
        if (Array.isArray(value)) {
          for (let index = 0; index < value.length; index += 1) {
            const item = measure(resolveJson(value[index], String(index)), `${path}/${index}`, walk);
            if (item < 0) return -1;
            size += item + (index === 0 ? 0 : 1);
          }
          return noteOver(walk, path, size);
        }
        let members = 0;
        for (const [member, raw] of Object.entries(value)) {
          const memberPath = `${path}/${escapePointerSegment(member)}`;
          const key = stringBytes(member);
          if (key === undefined) return fail(walk, memberPath, `has a key that ${textDefect(member)}`);
          if (raw === undefined) continue;
          const item = resolveJson(raw, member);
          if (item === undefined) continue;
          const itemSize = measure(item, memberPath, walk);
          if (itemSize < 0) return -1;
          size += (members === 0 ? 0 : 1) + key + 1 + itemSize;
          members += 1;
        }
        return noteOver(walk, path, size);
      } finally {
        walk.ancestors.pop();
      }
    }
  }
}

function fail(walk: Walk, path: string, reason: string): number {
  walk.problem = { path, reason };
  return -1;
}

/** Values are measured children first, so the first one over the limit is the deepest on its branch. */
function noteOver(walk: Walk, path: string, size: number): number {
  if (size > walk.limit && walk.over === undefined) walk.over = { path, bytes: size };
  return size;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes control characters, so finding them is the point.
const NOTHING_TO_ESCAPE = /^[^"\\\u0000-\u001f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const TO_ESCAPE = /["\\\u0000-\u001f]/g;
/** What JSON.stringify writes in two characters; any other control character takes six (\u00XX). */
const SHORT_ESCAPES = new Set(['"', '\\', '\b', '\t', '\n', '\f', '\r']);

/**
 * The bytes of a string's JSON text: its UTF-8, its quotes and escapes.
 * Undefined when Postgres's jsonb cannot store it (see textDefect). Only
 * native scans (searches, a regular expression, the UTF-8 count; about a
 * twentieth of what JSON.stringify takes for a long string), unless the
 * string has characters to escape, which are then counted one by one.
 */
function stringBytes(text: string): number | undefined {
  if (textDefect(text) !== undefined) return undefined;
  let size = Buffer.byteLength(text, 'utf8') + 2;
  if (!NOTHING_TO_ESCAPE.test(text)) for (const [escaped] of text.matchAll(TO_ESCAPE)) size += SHORT_ESCAPES.has(escaped) ? 1 : 5;
  return size;
}
