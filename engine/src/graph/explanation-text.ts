/**
 * The texts nodes explain their choices with (the SDK's `Explanation`): `{name}` inserts a
 * param, `{name, list}`, `{name, weekday}` and `{name, date}` format one in the reader's
 * language. Plain TypeScript over Intl, so the editor could render a record as the API does.
 */

const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*(list|weekday|date)\s*)?\}/g;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The param names a text inserts, or a message saying why it is malformed. */
export function explanationParamsOf(text: string): { readonly names: ReadonlySet<string> } | { readonly error: string } {
  const names = new Set<string>();
  const rest = text.replace(PLACEHOLDER, (_match, name: string) => {
    names.add(name);
    return '';
  });
  if (rest.includes('{') || rest.includes('}')) {
    return { error: `${JSON.stringify(text)} has a brace that is not a placeholder; write {name}, {name, list}, {name, weekday} or {name, date}.` };
  }
  return { names };
}

/** `text` with its placeholders filled from `params`, formatted for `language`. A missing param shows as its name in braces. */
export function renderExplanationText(text: string, params: Readonly<Record<string, unknown>>, language: string): string {
  return text.replace(PLACEHOLDER, (match, name: string, format: string | undefined) => {
    if (!Object.hasOwn(params, name)) return match;
    return formatValue(params[name], format, language);
  });
}

function formatValue(value: unknown, format: string | undefined, language: string): string {
  if (format === 'list' && Array.isArray(value)) return new Intl.ListFormat(language, { type: 'conjunction' }).format(value.map(String));
  if (format === 'weekday') {
    const index = typeof value === 'number' ? value : WEEKDAYS.indexOf(String(value).toLowerCase());
    // 2023-01-01 was a Sunday: day `index` of that week, read in UTC so no zone moves it.
    if (Number.isInteger(index) && index >= 0 && index < 7)
      return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + index));
  }
  if (format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
  if (typeof value === 'number') return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value === null) return '—';
  return String(value);
}
