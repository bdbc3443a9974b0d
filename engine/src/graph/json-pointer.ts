/** RFC 6901 JSON Pointers: every error names where it is in the submitted document. */

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Joins segments into a pointer: `pointer('nodes', 2, 'config')` is `/nodes/2/config`. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapePointerSegment(segment)}`).join('');
}
