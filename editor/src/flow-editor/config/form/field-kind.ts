import { ADDITIONAL_PROPERTY_FLAG } from '@rjsf/utils';
import { constantOf, isSchema, type JsonSchema, schemaTypes, unionOptions } from '../json-schema.ts';
import { isListPickerKind, isPickerKind, type PickerKind } from '../pickers/picker-kind.ts';

/**
 * The control a schema gets in the form, decided from the schema alone (its type, `enum`,
 * `anyOf`, and the annotations `x-picker` and `x-template`), so a custom node's config gets the
 * same controls as a built-in one.
 */
export type FieldKind =
  | { readonly kind: 'picker'; readonly picker: PickerKind; readonly multiple: boolean }
  | { readonly kind: 'template'; readonly multiline: boolean }
  | { readonly kind: 'select' }
  | { readonly kind: 'union' }
  | { readonly kind: 'switch' }
  | { readonly kind: 'number'; readonly integer: boolean }
  | { readonly kind: 'text'; readonly multiline: boolean; readonly inputType: 'text' | 'date' | 'email' | 'url' }
  | { readonly kind: 'record' }
  | { readonly kind: 'object' }
  | { readonly kind: 'list' }
  /** Any JSON value (a schema without `type`): typed as text, a number, a list... With `template`, its texts are templates. */
  | { readonly kind: 'any'; readonly template: boolean };

/** Plain text longer than this gets a text area instead of a one-line input. */
const LONG_TEXT = 500;

export function fieldKindOf(schema: JsonSchema): FieldKind {
  const types = schemaTypes(schema);
  const picker = schema['x-picker'];
  if (isPickerKind(picker)) return { kind: 'picker', picker, multiple: isListPickerKind(picker) && types.includes('array') };
  const template = schema['x-template'] === true || schema['x-template'] === 'multiline';
  if (template && types.includes('string')) return { kind: 'template', multiline: schema['x-template'] === 'multiline' };
  if (Array.isArray(schema['enum'])) return { kind: 'select' };
  const options = unionOptions(schema);
  if (options !== undefined) return options.every((option) => constantOf(option) !== undefined) ? { kind: 'select' } : { kind: 'union' };
  const [type] = types.filter((entry) => entry !== 'null');
  switch (type) {
    case 'boolean':
      return { kind: 'switch' };
    case 'integer':
    case 'number':
      return { kind: 'number', integer: type === 'integer' };
    case 'string':
      return { kind: 'text', multiline: typeof schema['maxLength'] === 'number' && schema['maxLength'] > LONG_TEXT, inputType: inputTypeOf(schema['format']) };
    case 'object':
      return isRecord(schema) ? { kind: 'record' } : { kind: 'object' };
    case 'array':
      return { kind: 'list' };
    default:
      return { kind: 'any', template };
  }
}

/**
 * An object of free names: `patternProperties` or an `additionalProperties` schema, and no
 * properties of its own. RJSF adds the names a value already has to `properties`, marked
 * ADDITIONAL_PROPERTY_FLAG; those do not count.
 */
function isRecord(schema: JsonSchema): boolean {
  if (!isSchema(schema['patternProperties']) && !isSchema(schema['additionalProperties'])) return false;
  const properties = isSchema(schema['properties']) ? Object.values(schema['properties']) : [];
  return properties.every((property) => isSchema(property) && ADDITIONAL_PROPERTY_FLAG in property);
}

function inputTypeOf(format: unknown): 'text' | 'date' | 'email' | 'url' {
  switch (format) {
    case 'date':
      return 'date';
    case 'email':
      return 'email';
    case 'uri':
    case 'url':
      return 'url';
    default:
      // `time` and `date-time` keep a text input: the browser's pickers write values
      // ("09:30", "2025-12-25T09:30") the formats' RFC 3339 checks refuse.
      return 'text';
  }
}

/**
 * Whether the field is drawn as a group of controls (a fieldset with a legend) rather than
 * one control with a `<label for>`: unions, lists, records, objects, the opening hours.
 */
export function isGroupKind(kind: FieldKind): boolean {
  switch (kind.kind) {
    case 'union':
    case 'record':
    case 'object':
    case 'list':
      return true;
    case 'picker':
      return kind.picker === 'schedule' || kind.picker === 'holidays';
    default:
      return false;
  }
}
