import { isPlainObject } from './diff-values.ts';
import { schemaAt } from './field-path.ts';

/** The words valueText needs, in the person's language. */
export interface ValueWords {
  /** A field that has no value (absent). */
  readonly notSet: string;
  /** An empty text or null. */
  readonly empty: string;
  readonly yes: string;
  readonly no: string;
  /** "3 items" */
  items(count: number): string;
  number(value: number): string;
}

/** Values are shortened to this many characters: a diff line stays one line. */
export const MAX_VALUE_LENGTH = 60;

/**
 * A config value as a short text: an enum by its label (`x-enumNames`, or the `title` of the
 * matching `const` of an `anyOf`), booleans as yes/no, lists of plain values joined, an object by
 * its plain fields, a list of objects by its length; at most MAX_VALUE_LENGTH characters.
 *
 * @example
 * valueText('round_robin', { enum: ['round_robin'], 'x-enumNames': ['Round robin'] }, words) // 'Round robin'
 */
export function valueText(value: unknown, schema: unknown, words: ValueWords, maxLength = MAX_VALUE_LENGTH): string {
  return shorten(fullText(value, isPlainObject(schema) ? schema : undefined, words), maxLength);
}

function fullText(value: unknown, schema: Readonly<Record<string, unknown>> | undefined, words: ValueWords): string {
  if (value === undefined) return words.notSet;
  if (value === null) return words.empty;
  const label = enumLabel(value, schema);
  if (label !== undefined) return label;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return words.number(value);
  if (typeof value === 'string') return value.trim() === '' ? words.empty : value.replace(/\s+/g, ' ').trim();
  if (Array.isArray(value)) {
    if (value.length === 0) return words.empty;
    if (value.some((item) => typeof item === 'object' && item !== null)) return words.items(value.length);
    return value.map((item, index) => fullText(item, schemaAt(schema, `/${index}`), words)).join(', ');
  }
  if (isPlainObject(value)) {
    const parts = Object.entries(value)
      .filter(([, inner]) => inner !== undefined && (typeof inner !== 'object' || inner === null || Array.isArray(inner)))
      .map(([key, inner]) => fullText(inner, schemaAt(schema, `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`), words));
    return parts.length === 0 ? words.items(Object.keys(value).length) : parts.join(' · ');
  }
  return String(value);
}

function enumLabel(value: unknown, schema: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (schema === undefined) return undefined;
  const values = schema['enum'];
  const names = schema['x-enumNames'];
  if (Array.isArray(values) && Array.isArray(names)) {
    const name = names[values.indexOf(value)];
    if (typeof name === 'string') return name;
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    const alternatives = schema[keyword];
    if (!Array.isArray(alternatives)) continue;
    for (const alternative of alternatives) {
      if (!isPlainObject(alternative)) continue;
      if ('const' in alternative && alternative['const'] === value && typeof alternative['title'] === 'string') return alternative['title'];
      const inner = enumLabel(value, alternative);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** Cut at a word boundary when one is near, with an ellipsis. */
export function shorten(text: string, maxLength = MAX_VALUE_LENGTH): string {
  const characters = [...text];
  if (characters.length <= maxLength) return text;
  const cut = characters.slice(0, maxLength - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > maxLength * 0.6 ? cut.slice(0, space) : cut}…`;
}
