/**
 * fast-check arbitraries for fuzzing the API with JSON a hostile or careless
 * client sends: valid documents with fields deleted, replaced or added, and
 * values chosen to hurt (U+0000 and lone surrogates, which Postgres refuses;
 * numbers past a double; nesting around the depth limit; wrong types;
 * templates that try to run away). A document becomes request text with
 * `toRequestText`, which can also write numbers JSON.stringify cannot (1e400).
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Number literals JSON.stringify never writes; JSON.parse reads them as Infinity, 0 or a rounded double. */
const RAW_NUMBERS = ['1e400', '-1e400', '1e-400', '-0', '123456789012345678901234567890', '0.1e1', '1E+2'] as const;
const RAW_MARK = '\u0001raw:';
const RAW_STRING_LITERAL = /"\\u0001raw:(?:[^"\\]|\\.)*"/g;

/**
 * A stand-in for JSON text spliced into the request as it is: numbers
 * JSON.stringify cannot write, and nesting deep enough that building it as a
 * value would overflow the test's own JSON.stringify.
 */
function raw(text: string): string {
  return `${RAW_MARK}${text}`;
}

/** The request text of a document, with the text of each `raw` stand-in spliced in. */
export function toRequestText(document: unknown): string {
  const text = JSON.stringify(document) ?? 'null';
  return text.replace(RAW_STRING_LITERAL, (literal) => (JSON.parse(literal) as string).slice(RAW_MARK.length));
}

function nested(depth: number, innermost: string, asObject: boolean): string {
  return asObject ? `${'{"a":'.repeat(depth)}${innermost}${'}'.repeat(depth)}` : `${'['.repeat(depth)}${innermost}${']'.repeat(depth)}`;
}

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '\uDBFF',
    '\uFEFF',
    '🙂',
    ' ',
    'null',
    'NaN',
    '00000000-0000-4000-8000-000000000000',
    'not-a-uuid',
    'someone@example.com',
    '2026-02-30',
    '../../.data/admin-token',
    'http://127.0.0.1:5432/',
    '{{ trigger }}',
    '{{ secrets.NAME }}',
    '{% include "package.json" %}',
    '{% for i in (1..100000000) %}x{% endfor %}',
    `{{ ${'('.repeat(3000)} }}`,
    '{{ 1 | nope }}',
    '{%',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 1, max: 300_000 }).map((length) => 'x'.repeat(length)),
);

const hostileNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...RAW_NUMBERS).map(raw),
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '',
    'a/b',
    '~0',
    '~1',
    '\u0000',
    '\uD800',
    'id',
    'type',
    'name',
    'config',
    'nodes',
    'edges',
    'data',
    'text',
    'port',
    'settings',
  ),
  // Fields that routes and node configs read, so an added field is often one that matters.
  fc.constantFrom(
    'timeoutMs',
    'amount',
    'unit',
    'mode',
    'url',
    'method',
    'headers',
    'body',
    'event',
    'cron',
    'timezone',
    'schedule',
    'holidays',
    'branches',
    'conditions',
    'operator',
    'value',
    'path',
    'assignments',
    'reentry',
    'maxSteps',
    'retentionDays',
    'teamId',
    'agentId',
    'capacity',
    'status',
    'fields',
    'tags',
    'input',
    'subject',
    'idempotencyKey',
    'attachments',
  ),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

/** One value meant to break whatever reads it. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': null }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(3, 64, 127, 128, 129, 200, 3000, 100_000), fc.boolean(), fc.jsonValue({ maxDepth: 0 }))
      .map(([depth, asObject, innermost]) => raw(nested(depth, JSON.stringify(innermost), asObject))),
  },
  { weight: 1, arbitrary: fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }) },
);

type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'add'; readonly at: number; readonly key: string; readonly value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value: hostileValue }),
);

/** `document` with one to four fields deleted, replaced or added; the original is left alone. */
export function mutationsOf(document: unknown): fc.Arbitrary<unknown> {
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    let current: unknown = structuredClone(document);
    for (const step of mutations) current = applyMutation(current, step);
    return current;
  });
}

/** A valid document most of the time, a mutation of it or arbitrary JSON otherwise. */
export function fuzzedDocument(...valid: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...valid).chain(mutationsOf) },
    { weight: 1, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }) },
  );
}

interface Place {
  readonly parent: Record<string, unknown> | unknown[] | undefined;
  readonly key: string | number;
  readonly value: unknown;
}

/** Every place in a document, the document itself first, in document order. */
function placesOf(document: unknown): Place[] {
  const places: Place[] = [];
  const pending: Place[] = [{ parent: undefined, key: '', value: document }];
  while (pending.length > 0) {
    const place = pending.shift() as Place;
    places.push(place);
    const { value } = place;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) pending.push({ parent: value, key: index, value: value[index] });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push({ parent: value as Record<string, unknown>, key, value: item });
    }
  }
  return places;
}

function applyMutation(document: unknown, mutation: Mutation): unknown {
  // A copy: the document is changed in place, and fast-check reuses a generated value across runs and shrinks.
  const step = 'value' in mutation ? { ...mutation, value: structuredClone(mutation.value) } : mutation;
  const places = placesOf(document);
  const place = places[step.at % places.length] as Place;
  const { parent, key } = place;
  switch (step.kind) {
    case 'delete':
      if (parent === undefined) return document;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return document;
    case 'replace':
      if (parent === undefined) return step.value;
      if (Array.isArray(parent)) parent[key as number] = step.value;
      else defineMember(parent, key as string, step.value);
      return document;
    case 'add': {
      const target = place.value;
      if (Array.isArray(target)) target.splice(step.at % (target.length + 1), 0, step.value);
      else if (target !== null && typeof target === 'object') defineMember(target as Record<string, unknown>, step.key, step.value);
      else if (parent === undefined) return { [step.key]: step.value };
      else if (Array.isArray(parent)) parent[key as number] = { [step.key]: step.value };
      else defineMember(parent, key as string, { [step.key]: step.value });
      return document;
    }
  }
}

/** An own member even for `__proto__`, which plain assignment would turn into a prototype change. */
function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
