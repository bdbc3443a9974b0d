import type { NodeType } from '../node-types.ts';

/** Looks up the display name of an id a picker chose (a team, an agent); undefined when unknown. */
export type NameOfId = (picker: string, id: string) => string | undefined;

const MAX_PARTS = 4;
const MAX_TEXT = 40;
export const SUMMARY_SEPARATOR = ' · ';

interface FieldSchema {
  readonly title?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly 'x-enumNames'?: readonly string[];
  readonly 'x-picker'?: string;
  readonly items?: FieldSchema;
  readonly default?: unknown;
}

/**
 * The card's one-line summary of a node's config ("Round robin · Sales · Online only · Cap 3"):
 * the node type's `summaryFields` in order (their defaults count), else the first fields of
 * its schema that are set. Enum values read as their `x-enumNames` label, a true boolean as its
 * title, a number with its title, a picked id as its name when `nameOf` knows it.
 */
export function configSummary(nodeType: NodeType, config: Readonly<Record<string, unknown>>, nameOf?: NameOfId): string {
  const properties = propertiesOf(nodeType.configSchema);
  const chosen = summaryFieldsOf(nodeType);
  const fields = chosen ?? Object.keys(properties);
  const parts: string[] = [];
  for (const field of fields) {
    if (parts.length === MAX_PARTS) break;
    const schema = properties[field] ?? {};
    const value = config[field] ?? (chosen === undefined ? undefined : schema.default);
    const part = describeValue(field, schema, value, nameOf);
    if (part !== undefined && part !== '') parts.push(part);
  }
  return parts.join(SUMMARY_SEPARATOR);
}

function summaryFieldsOf(nodeType: NodeType): readonly string[] | undefined {
  const fields = nodeType.summaryFields;
  return fields === undefined || fields.length === 0 ? undefined : fields;
}

function describeValue(field: string, schema: FieldSchema, value: unknown, nameOf: NameOfId | undefined): string | undefined {
  const title = schema.title ?? field;
  if (value === undefined || value === null || value === '') return undefined;
  if (schema.enum !== undefined) return enumLabel(schema, value);
  if (typeof value === 'boolean') return value ? title : undefined;
  if (typeof value === 'number') return `${title}: ${value}`;
  if (typeof value === 'string') {
    const picker = schema['x-picker'];
    const name = picker === undefined ? undefined : nameOf?.(picker, value);
    return shorten(name ?? value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const items = schema.items ?? {};
    if (value.every((item) => typeof item === 'string')) {
      const picker = schema['x-picker'] ?? items['x-picker'];
      const names = value.map(
        (item: string) =>
          (items.enum === undefined ? undefined : enumLabel(items, item)) ?? (picker === undefined ? undefined : nameOf?.(picker, item)) ?? item,
      );
      return shorten(names.join(', '));
    }
    return `${title}: ${value.length}`;
  }
  return undefined;
}

function enumLabel(schema: FieldSchema, value: unknown): string | undefined {
  const index = schema.enum?.indexOf(value) ?? -1;
  const label = index === -1 ? undefined : schema['x-enumNames']?.[index];
  return label ?? (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}…` : line;
}

function propertiesOf(schema: unknown): Readonly<Record<string, FieldSchema>> {
  if (typeof schema !== 'object' || schema === null) return {};
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, FieldSchema>) : {};
}
