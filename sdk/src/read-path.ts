/**
 * Reads a dotted context path such as `trigger.contact.name` or `vars.items.0.id`
 * from a plain object. Branch conditions and trigger filters address data this
 * way; templates use the same paths inside `{{ }}`.
 */
export function readPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    // Own properties only: a path must never reach Object.prototype (`constructor`, `__proto__`).
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
