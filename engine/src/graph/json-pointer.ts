/** RFC 6901 JSON Pointers: every error names where it is in the submitted document. */

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Joins segments into a pointer: `pointer('nodes', 2, 'config')` is `/nodes/2/config`. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapePointerSegment(segment)}`).join('');
}

/**
 * The value a pointer names inside `value`, or undefined when there is none:
 * `readPointer({ a: [{ id: 'x' }] }, '/a/0/id')` is `'x'`; `''` is `value` itself.
 * Only own properties are read, so `/__proto__` names nothing.
 */
export function readPointer(value: unknown, at: string): unknown {
  if (at === '') return value;
  if (!at.startsWith('/')) return undefined;
  let current = value;
  for (const raw of at.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}
