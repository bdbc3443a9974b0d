import { defineNode, SwitchboardError, Type, type ConfigIssue } from '@switchboard/sdk';
import { stringEnum } from './string-enum.ts';
import { variableNameSchema } from './variable-name.ts';

const valueTypes = ['auto', 'string', 'number', 'boolean', 'json'] as const;
type ValueType = (typeof valueTypes)[number];

/**
 * Sets run variables, read later as `vars.<name>`. Templates render to text,
 * so `type` turns a rendered `"42"` back into the number 42 (or a boolean, or
 * parsed JSON); a value that doesn't convert stops the step with an error that
 * names the variable, rather than storing something half right.
 *
 * ```json
 * { "assignments": [{ "name": "attempts", "value": "{{ vars.attempts | plus: 1 }}", "type": "number" }] }
 * ```
 */
export const setVariable = defineNode({
  type: 'core.set_variable',
  title: 'Set variable',
  category: 'Data',
  description: 'Sets one or more run variables, converting rendered text to numbers, booleans or JSON when asked.',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object(
    {
      assignments: Type.Array(
        Type.Object(
          {
            name: variableNameSchema('Variable', 'The variable to set, read later as vars.<name>. Letters, digits and _, not starting with a digit.', {
              sibling: 'value',
            }),
            value: Type.Unknown({ 'x-template': true, title: 'Value', description: 'Any JSON value; text may use templates, e.g. {{ trigger.email }}.' }),
            type: stringEnum(valueTypes, {
              default: 'auto',
              title: 'Type',
              description: 'Automatic keeps the value as it is; text, number, true or false and JSON convert rendered text to that type.',
              labels: { auto: 'Automatic', string: 'Text', number: 'Number', boolean: 'True or false', json: 'JSON' },
            }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, title: 'Assignments', description: 'Variables to set, in order.' },
      ),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    description: 'The variables it set, by name, as they are also read later: vars.<name>.',
    examples: [{ plan: 'pro', attempts: 2 }],
  },
  summaryFields: ['assignments'],
  ports: ['next'],
  portLabels: { next: 'Next' },
  translations: {
    es: {
      title: 'Definir variable',
      category: 'Datos',
      description: 'Define una o varias variables de la ejecución y, si se pide, convierte el texto en número, verdadero o falso, o JSON.',
      config: {
        '/properties/assignments': { title: 'Asignaciones', description: 'Las variables que se definen, en orden.' },
        '/properties/assignments/items/properties/name': {
          title: 'Variable',
          description: 'La variable que se define; después se lee como vars.<nombre>. Letras, dígitos y _, sin empezar por un dígito.',
        },
        '/properties/assignments/items/properties/value': {
          title: 'Valor',
          description: 'Cualquier valor JSON; el texto admite plantillas, p. ej. {{ trigger.email }}.',
        },
        '/properties/assignments/items/properties/type': {
          title: 'Tipo',
          description: 'Automático deja el valor tal cual; texto, número, verdadero o falso y JSON convierten el texto a ese tipo.',
          enumNames: { auto: 'Automático', string: 'Texto', number: 'Número', boolean: 'Verdadero o falso', json: 'JSON' },
        },
      },
      output: { '': { description: 'Las variables que definió, por nombre, tal como se leen después: vars.<nombre>.' } },
      ports: { next: 'Siguiente' },
    },
  },
  validate: (config) => {
    const issues: ConfigIssue[] = [];
    const seen = new Set<string>();
    config.assignments.forEach((assignment, index) => {
      if (seen.has(assignment.name)) {
        issues.push({
          path: `/assignments/${index}/name`,
          message: `Variable "${assignment.name}" is already set by an earlier assignment in this node; only the last would count.`,
        });
      }
      seen.add(assignment.name);
    });
    return issues;
  },
  run: (ctx) => {
    const assigned: Record<string, unknown> = {};
    ctx.config.assignments.forEach((assignment, index) => {
      assigned[assignment.name] = convert(assignment.value, assignment.type, { nodeId: ctx.node.id, name: assignment.name, index });
    });
    return ctx.next('next', assigned, assigned);
  },
});

interface Where {
  readonly nodeId: string;
  readonly name: string;
  readonly index: number;
}

function convert(value: unknown, type: ValueType, where: Where): unknown {
  switch (type) {
    case 'auto':
      return value;
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'number':
      return toNumber(value, where);
    case 'boolean':
      return toBoolean(value, where);
    case 'json':
      return toJson(value, where);
  }
}

function toNumber(value: unknown, where: Where): number {
  if (typeof value === 'number') return value;
  // Number('') is 0: an empty rendering (a missing variable) must not become zero.
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw invalid(where, `${describe(value)} is not a number`);
  return number;
}

function toBoolean(value: unknown, where: Where): boolean {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw invalid(where, `${describe(value)} is not a boolean (expected true or false)`);
}

function toJson(value: unknown, where: Where): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(where, `${describe(value)} is not valid JSON (${reason})`, error);
  }
}

function invalid(where: Where, problem: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError(
    'STEP_INVALID_INPUT',
    `Node "${where.nodeId}" cannot set variable "${where.name}": ${problem}. Fix the value or choose another type.`,
    {
      path: `/config/assignments/${where.index}/value`,
      details: { variable: where.name },
      cause,
    },
  );
}

/** The value as the message shows it: quoted and cut short, since it may be a whole rendered payload. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
