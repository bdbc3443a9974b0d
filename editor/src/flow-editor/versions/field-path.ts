import { isPlainObject } from './diff-values.ts';

type Schema = Readonly<Record<string, unknown>>;

/** One step of a pointer as a person reads it: a field by its schema title, or an item of a list. */
export type FieldPathSegment =
  | { readonly kind: 'field'; readonly key: string; readonly title: string }
  /** `label` is what the item calls itself (its name, label or id) when it does; `index` counts from 0. */
  | { readonly kind: 'item'; readonly index: number; readonly label: string | undefined };

/**
 * The schema that describes the value at `pointer` inside a value `schema` describes: through
 * `properties`, `items` (and `prefixItems`), and the alternatives of `allOf`, `anyOf`, `oneOf`
 * and `if`/`then`/`else`, the first that knows the next segment. undefined when none does.
 */
export function schemaAt(schema: unknown, pointer: string): Schema | undefined {
  let current: Schema | undefined = isPlainObject(schema) ? schema : undefined;
  for (const segment of segmentsOf(pointer)) {
    if (current === undefined) return undefined;
    current = childSchema(current, segment);
  }
  return current;
}

/**
 * `pointer` (into a node's config) as titled segments: `/branches/0/conditions/1/value` reads
 * Branches › vip › Conditions › 2 › Value. `value` is the config the pointer points into, for
 * the items' own labels.
 *
 * @example
 * fieldPath(schema, config, '/schedule/2/close')
 * // [{ kind: 'field', key: 'schedule', title: 'Opening hours' }, { kind: 'item', index: 2, label: undefined }, { kind: 'field', key: 'close', title: 'Closes' }]
 */
export function fieldPath(schema: unknown, value: unknown, pointer: string): FieldPathSegment[] {
  let currentSchema: Schema | undefined = isPlainObject(schema) ? schema : undefined;
  let currentValue = value;
  const path: FieldPathSegment[] = [];
  for (const segment of segmentsOf(pointer)) {
    const childValue = Array.isArray(currentValue) ? currentValue[Number(segment)] : isPlainObject(currentValue) ? currentValue[segment] : undefined;
    const child = currentSchema === undefined ? undefined : childSchema(currentSchema, segment);
    if (Array.isArray(currentValue) || (/^(0|[1-9][0-9]*)$/.test(segment) && isArraySchema(currentSchema))) {
      path.push({ kind: 'item', index: Number(segment), label: itemLabel(childValue) });
    } else {
      const title = child?.['title'];
      path.push({ kind: 'field', key: segment, title: typeof title === 'string' && title !== '' ? title : humanize(segment) });
    }
    currentSchema = child;
    currentValue = childValue;
  }
  return path;
}

function childSchema(schema: Schema, segment: string): Schema | undefined {
  const direct = directChild(schema, segment);
  if (direct !== undefined) return direct;
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const alternatives = schema[keyword];
    if (!Array.isArray(alternatives)) continue;
    for (const alternative of alternatives) {
      if (!isPlainObject(alternative)) continue;
      const found = childSchema(alternative, segment);
      if (found !== undefined) return found;
    }
  }
  for (const keyword of ['then', 'else']) {
    const branch = schema[keyword];
    if (isPlainObject(branch)) {
      const found = childSchema(branch, segment);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function directChild(schema: Schema, segment: string): Schema | undefined {
  const properties = schema['properties'];
  if (isPlainObject(properties) && Object.hasOwn(properties, segment)) {
    const property = properties[segment];
    return isPlainObject(property) ? property : undefined;
  }
  if (/^(0|[1-9][0-9]*)$/.test(segment)) {
    const prefixItems = schema['prefixItems'];
    const prefixItem = Array.isArray(prefixItems) ? prefixItems[Number(segment)] : undefined;
    if (isPlainObject(prefixItem)) return prefixItem;
    const items = schema['items'];
    if (isPlainObject(items)) return items;
  }
  const additional = schema['additionalProperties'];
  if (isPlainObject(additional) && !/^(0|[1-9][0-9]*)$/.test(segment)) return additional;
  return undefined;
}

function isArraySchema(schema: Schema | undefined): boolean {
  return schema !== undefined && (schema['type'] === 'array' || schema['items'] !== undefined || schema['prefixItems'] !== undefined);
}

/** What a list item calls itself: a branch's name or id, a choice's label, a holiday's name or date. */
function itemLabel(item: unknown): string | undefined {
  if (typeof item === 'string' || typeof item === 'number') return String(item);
  if (!isPlainObject(item)) return undefined;
  for (const key of ['name', 'label', 'title', 'id', 'day', 'date', 'key']) {
    const candidate = item[key];
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate;
  }
  return undefined;
}

/** A key without a title, as words: `timeoutSeconds` reads "Timeout seconds", `save_as` "Save as". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .trim()
    .toLowerCase();
  return words === '' ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}
