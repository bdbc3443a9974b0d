import { constantOf, enumLabel, type JsonSchema, schemaTitle, schemaTypes } from '../json-schema.ts';

/**
 * A union (`anyOf`/`oneOf`) drawn as a person reads it: a choice between its options, then,
 * for an option that takes a value, that value's input. `inbox.assign_to`'s capacity is
 * "Each agent's own capacity" (the literal 'agent') or "At most this many" (a number).
 */
export interface UnionChoice {
  readonly index: number;
  readonly label: string;
  readonly schema: JsonSchema;
  /** Set for an option that is one fixed value: choosing it is the whole answer. */
  readonly constant?: { readonly value: unknown };
}

export function unionChoices(options: readonly JsonSchema[]): UnionChoice[] {
  return options.map((schema, index) => {
    const constant = constantOf(schema);
    const label = schemaTitle(schema) ?? (constant === undefined ? (schemaTypes(schema)[0] ?? String(index + 1)) : enumLabel(schema, constant.value));
    return constant === undefined ? { index, label, schema } : { index, label, schema, constant };
  });
}

/** The option a value belongs to: the constant it equals, else the first option of its type; undefined for none. */
export function choiceOf(choices: readonly UnionChoice[], value: unknown): UnionChoice | undefined {
  if (value === undefined) return undefined;
  const constant = choices.find((choice) => choice.constant !== undefined && Object.is(choice.constant.value, value));
  if (constant !== undefined) return constant;
  return choices.find((choice) => choice.constant === undefined && typeFits(choice.schema, value));
}

/**
 * The value to store when the person picks an option: its constant, or for a value option the
 * current value if it fits, else the option's default or first example, else a sensible start
 * (1 within its limits for a number: a capacity of 0 would take nobody).
 */
export function valueForChoice(choice: UnionChoice, current: unknown): unknown {
  if (choice.constant !== undefined) return choice.constant.value;
  if (current !== undefined && typeFits(choice.schema, current)) return current;
  const { schema } = choice;
  if (schema['default'] !== undefined) return schema['default'];
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  const [type] = schemaTypes(schema);
  switch (type) {
    case 'integer':
    case 'number': {
      const minimum = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
      const maximum = typeof schema['maximum'] === 'number' ? schema['maximum'] : undefined;
      return Math.min(Math.max(1, minimum ?? 1), maximum ?? Number.POSITIVE_INFINITY);
    }
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'null':
      return null;
    default:
      return undefined;
  }
}

function typeFits(schema: JsonSchema, value: unknown): boolean {
  const types = schemaTypes(schema);
  if (types.length === 0) return true;
  return types.some((type) => {
    switch (type) {
      case 'integer':
        return Number.isInteger(value);
      case 'number':
        return typeof value === 'number';
      case 'string':
        return typeof value === 'string';
      case 'boolean':
        return typeof value === 'boolean';
      case 'null':
        return value === null;
      case 'array':
        return Array.isArray(value);
      case 'object':
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      default:
        return false;
    }
  });
}
