/**
 * Reading a node type's config schema as the form needs it: the schema under a pointer, the
 * options of a union, the label of an enum value. Schemas come from the server as `unknown`
 * (GET /api/node-types) and are narrowed here, once.
 */

export type JsonSchema = { readonly [keyword: string]: unknown };

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asSchema(value: unknown): JsonSchema {
  return isSchema(value) ? value : {};
}

/** The `anyOf` or `oneOf` options of a schema, or undefined when it is not a union. */
export function unionOptions(schema: JsonSchema): readonly JsonSchema[] | undefined {
  const options = schema['anyOf'] ?? schema['oneOf'];
  return Array.isArray(options) ? options.map(asSchema) : undefined;
}

/** A schema that admits one value only (`const`, or an `enum` of one): a literal option of a union. */
export function constantOf(schema: JsonSchema): { readonly value: unknown } | undefined {
  if ('const' in schema) return { value: schema['const'] };
  const values = schema['enum'];
  if (Array.isArray(values) && values.length === 1) return { value: values[0] };
  return undefined;
}

export function schemaTitle(schema: JsonSchema): string | undefined {
  const title = schema['title'];
  return typeof title === 'string' && title !== '' ? title : undefined;
}

export function schemaDescription(schema: JsonSchema): string | undefined {
  const description = schema['description'];
  return typeof description === 'string' && description !== '' ? description : undefined;
}

/** The types a schema names (`type: 'string'` or `type: ['string', 'null']`). */
export function schemaTypes(schema: JsonSchema): readonly string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === 'string');
  return [];
}

/** The label `x-enumNames` gives an enum value (same order as `enum`), else the value itself. */
export function enumLabel(schema: JsonSchema, value: unknown): string {
  const values = schema['enum'];
  const names = schema['x-enumNames'];
  if (Array.isArray(values) && Array.isArray(names)) {
    const index = values.indexOf(value);
    const name = names[index];
    if (index !== -1 && typeof name === 'string') return name;
  }
  return String(value);
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || !pointer.startsWith('/')) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * The schema of one child of a value: a property (from `properties`, a matching
 * `patternProperties` or `additionalProperties`) or an array item. Through a union, the first
 * option that has such a child.
 */
export function childSchema(schema: JsonSchema, segment: string): JsonSchema | undefined {
  const properties = schema['properties'];
  if (isSchema(properties) && isSchema(properties[segment])) return properties[segment];
  const items = schema['items'];
  if (/^\d+$/.test(segment)) {
    if (Array.isArray(items)) return isSchema(items[Number(segment)]) ? items[Number(segment)] : undefined;
    if (isSchema(items)) return items;
  }
  const patterns = schema['patternProperties'];
  if (isSchema(patterns)) {
    for (const [pattern, inner] of Object.entries(patterns)) {
      if (isSchema(inner) && safeTest(pattern, segment)) return inner;
    }
  }
  if (isSchema(schema['additionalProperties'])) return schema['additionalProperties'];
  for (const option of unionOptions(schema) ?? []) {
    const found = childSchema(option, segment);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The schema a JSON Pointer into the value leads to, or undefined when the schema has no such place. */
export function schemaAt(root: JsonSchema, pointer: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = root;
  for (const segment of pointerSegments(pointer)) {
    if (current === undefined) return undefined;
    current = childSchema(current, segment);
  }
  return current;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}
