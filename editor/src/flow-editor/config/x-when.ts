import { childSchema, isSchema, type JsonSchema, pointerSegments } from './json-schema.ts';

/**
 * `x-when` (documented in the SDK): a field shows only while its siblings have the values it
 * names, e.g. `teamId` with `x-when: { target: 'team' }`, or `{ mode: ['event', 'signal'] }` for
 * any of several. Every sibling named must match. A field without `x-when`, or with one that is
 * not an object, always shows.
 *
 * `siblings` is the object holding the field, with its schema defaults filled in: a `target` left
 * at its default `workspace` hides the team picker.
 */
export function whenHolds(schema: JsonSchema, siblings: unknown): boolean {
  const when = schema['x-when'];
  if (!isSchema(when)) return true;
  const values = isSchema(siblings) ? siblings : {};
  return Object.entries(when).every(([sibling, expected]) => {
    const actual = values[sibling];
    return Array.isArray(expected) ? expected.some((one) => sameValue(one, actual)) : sameValue(expected, actual);
  });
}

/**
 * Whether the field a JSON Pointer names is hidden by an `x-when`, its own or an ancestor's:
 * problems found there are not the person's to fix while they cannot see the field.
 */
export function isHiddenAt(root: JsonSchema, value: unknown, pointer: string): boolean {
  let schema: JsonSchema | undefined = root;
  let current: unknown = value;
  for (const segment of pointerSegments(pointer)) {
    if (schema === undefined) return false;
    const child = childSchema(schema, segment);
    if (child === undefined) return false;
    if (!Array.isArray(current) && !whenHolds(child, current)) return true;
    schema = child;
    current = isSchema(current) || Array.isArray(current) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return false;
}

function sameValue(expected: unknown, actual: unknown): boolean {
  if (Object.is(expected, actual)) return true;
  if (typeof expected === 'object' && expected !== null) return JSON.stringify(expected) === JSON.stringify(actual);
  return false;
}
