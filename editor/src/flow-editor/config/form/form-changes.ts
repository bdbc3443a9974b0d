import { deepEquals } from '@rjsf/utils';
import { isSchema } from '../json-schema.ts';

/** The top-level values as the form showed them: defaults filled in, a field the person emptied kept empty. */
export function baselineOf(shown: unknown, fill: (data: unknown) => unknown): Record<string, unknown> {
  const filled = fill(withoutUndefined(shown));
  const baseline: Record<string, unknown> = isSchema(filled) ? { ...filled } : {};
  if (isSchema(shown)) for (const [key, inner] of Object.entries(shown)) if (inner === undefined) baseline[key] = undefined;
  return baseline;
}

/** The top-level fields whose values differ. */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = isSchema(before) ? before : {};
  const b = isSchema(after) ? after : {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => !deepEquals(a[key], b[key]));
}

/** The object without its keys whose value is undefined (a field the person emptied). */
export function withoutUndefined(value: unknown): unknown {
  if (!isSchema(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined));
}
