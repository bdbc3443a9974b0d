/** The kinds of value a field of any JSON type offers, in the order a person reaches for them. */
export const anyValueKinds = ['text', 'number', 'boolean', 'list', 'json', 'null'] as const;
export type AnyValueKind = (typeof anyValueKinds)[number];

/** The kind a stored value is: nothing yet reads as text, the usual case. */
export function kindOfValue(value: unknown): AnyValueKind {
  if (value === undefined || typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value === null) return 'null';
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return 'list';
  return 'json';
}

/** The value after the person switches its kind, keeping what can be kept ("42" becomes 42, "vip" becomes ["vip"]). */
export function convertValue(value: unknown, kind: AnyValueKind): unknown {
  switch (kind) {
    case 'text':
      if (value === undefined || value === null) return '';
      if (typeof value === 'string') return value;
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const number = typeof value === 'number' ? value : Number(typeof value === 'string' ? value.trim() : Number.NaN);
      return Number.isFinite(number) ? number : 0;
    }
    case 'boolean':
      return value === true || value === 'true';
    case 'list':
      if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
      if (typeof value === 'string')
        return value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
      return value === undefined || value === null ? [] : [String(value)];
    case 'json':
      return value === undefined ? {} : value;
    case 'null':
      return null;
  }
}
