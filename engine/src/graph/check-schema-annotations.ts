import { PICKER_KINDS } from '@switchboard/sdk';
import { SwitchboardError } from '../errors.ts';
import { escapePointerSegment } from './json-pointer.ts';

const PICKERS: ReadonlySet<string> = new Set(PICKER_KINDS);

/** Keywords whose values are data, not schemas: an example may hold anything, x-picker included. */
const VALUE_KEYWORDS: ReadonlySet<string> = new Set(['default', 'examples', 'const', 'enum', 'x-when', 'x-enumNames', 'x-variable']);

/** The object a property belongs to, for `x-when`. */
interface Siblings {
  readonly name: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * Checks the editor annotations of a config schema (the SDK's `SchemaAnnotations`) at
 * registration: `x-picker` names a known kind on a string or an array, `x-template` is
 * `true` or `'multiline'` on a string (or any-value) field, and `x-when` sits on a property and
 * names siblings that exist, with values their enum has. A typo there would leave a field the
 * editor never shows, or a picker it cannot draw; the start fails instead, naming the node and
 * the field.
 */
export function checkSchemaAnnotations(schema: unknown, where: string, outputSchema?: unknown): void {
  const fail = (pointer: string, message: string): never => {
    throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: configSchema at ${JSON.stringify(pointer)}: ${message}`);
  };
  const walk = (at: unknown, pointer: string, siblings: Siblings | undefined): void => {
    if (Array.isArray(at)) {
      for (const [index, item] of at.entries()) walk(item, `${pointer}/${index}`, undefined);
      return;
    }
    if (!isRecord(at)) return;
    checkPicker(at, pointer, fail);
    checkTemplate(at, pointer, fail);
    if (at['x-when'] !== undefined) checkWhen(at['x-when'], pointer, siblings, fail);
    if (at['x-variable'] !== undefined) checkVariable(at, pointer, siblings, outputSchema, fail);
    for (const [key, value] of Object.entries(at)) {
      if (VALUE_KEYWORDS.has(key)) continue;
      const inner = `${pointer}/${escapePointerSegment(key)}`;
      if (key === 'properties' && isRecord(value)) {
        for (const [name, property] of Object.entries(value)) walk(property, `${inner}/${escapePointerSegment(name)}`, { name, properties: value });
      } else {
        walk(value, inner, undefined);
      }
    }
  };
  walk(schema, '', undefined);
}

/** `x-variable` is on a string, and what it says the variable holds exists: a part of the output, or a sibling. */
function checkVariable(
  schema: Readonly<Record<string, unknown>>,
  pointer: string,
  siblings: Siblings | undefined,
  outputSchema: unknown,
  fail: (pointer: string, message: string) => never,
): void {
  const variable = schema['x-variable'];
  const type = schema['type'];
  if (type !== undefined && type !== 'string') fail(pointer, `x-variable is on a schema of type ${JSON.stringify(type)}; a variable's name is a string.`);
  if (variable === true) return;
  const shape = 'x-variable must be true (the variable holds the whole output), { output: "/answer" } or { sibling: "value" }';
  if (!isRecord(variable) || Object.keys(variable).length !== 1) fail(pointer, `${shape}, found ${JSON.stringify(variable)}.`);
  const { output, sibling } = variable as { output?: unknown; sibling?: unknown };
  if (sibling !== undefined) {
    if (typeof sibling !== 'string' || siblings === undefined || sibling === siblings.name || !(sibling in siblings.properties)) {
      fail(pointer, `x-variable takes the value of ${JSON.stringify(sibling)}, which is not a sibling field.`);
    }
    return;
  }
  if (typeof output !== 'string' || !output.startsWith('/')) fail(pointer, `${shape}: "output" is a JSON Pointer into the step's output, e.g. "/answer".`);
  if (outputSchema === undefined) fail(pointer, `x-variable points into the step's output at ${JSON.stringify(output)}, but the node has no outputSchema.`);
  // "/agent/name" in the output is "/properties/agent/properties/name" in its schema.
  let at: unknown = outputSchema;
  for (const segment of output.slice(1).split('/')) {
    const properties = isRecord(at) ? at['properties'] : undefined;
    at = isRecord(properties) ? properties[segment.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    if (!isRecord(at)) fail(pointer, `x-variable points into the step's output at ${JSON.stringify(output)}, which its outputSchema does not describe.`);
  }
}

function checkPicker(schema: Readonly<Record<string, unknown>>, pointer: string, fail: (pointer: string, message: string) => never): void {
  const picker = schema['x-picker'];
  if (picker === undefined) return;
  if (typeof picker !== 'string' || !PICKERS.has(picker)) {
    fail(pointer, `x-picker ${JSON.stringify(picker)} is not a picker kind; use one of ${PICKER_KINDS.join(', ')}.`);
  }
  const type = schema['type'];
  if (type !== undefined && type !== 'string' && type !== 'array') {
    fail(pointer, `x-picker "${picker}" is on a schema of type ${JSON.stringify(type)}; a picker fills a string (one value) or an array (several).`);
  }
}

function checkTemplate(schema: Readonly<Record<string, unknown>>, pointer: string, fail: (pointer: string, message: string) => never): void {
  const template = schema['x-template'];
  if (template === undefined) return;
  if (template !== true && template !== 'multiline') fail(pointer, `x-template must be true or "multiline", found ${JSON.stringify(template)}.`);
  const type = schema['type'];
  if (type !== undefined && type !== 'string') {
    fail(pointer, `x-template is on a schema of type ${JSON.stringify(type)}; templates are texts: put it on a string, or on a schema of any value.`);
  }
}

function checkWhen(when: unknown, pointer: string, siblings: Siblings | undefined, fail: (pointer: string, message: string) => never): void {
  if (siblings === undefined) fail(pointer, 'x-when is on a schema that is not a property of an object; it shows a field by the values of its sibling fields.');
  if (!isRecord(when) || Object.keys(when).length === 0) {
    fail(pointer, 'x-when must name sibling fields and the values that show this one, e.g. { "target": "team" } or { "method": ["POST", "PUT"] }.');
  }
  const others = Object.keys(siblings.properties).filter((name) => name !== siblings.name);
  for (const [sibling, shownFor] of Object.entries(when)) {
    const target = sibling === siblings.name ? undefined : siblings.properties[sibling];
    if (!isRecord(target)) {
      const known = others.map((name) => `"${name}"`).join(', ');
      fail(pointer, `x-when names "${sibling}", which is not a sibling field of "${siblings.name}" (its siblings: ${known === '' ? 'none' : known}).`);
    }
    const values = Array.isArray(shownFor) ? shownFor : [shownFor];
    if (values.length === 0) fail(pointer, `x-when lists no value of "${sibling}" that shows the field; list at least one.`);
    const allowed = target['enum'];
    if (!Array.isArray(allowed)) continue;
    const stray = values.find((value) => !allowed.some((each) => each === value));
    if (stray !== undefined) {
      fail(
        pointer,
        `x-when shows the field when "${sibling}" is ${JSON.stringify(stray)}, which is not one of its values (${allowed.map((each) => JSON.stringify(each)).join(', ')}).`,
      );
    }
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
