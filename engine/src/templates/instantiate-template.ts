import type { Issue } from '../errors.ts';
import { SwitchboardError } from '../errors.ts';
import { pointer } from '../graph/json-pointer.ts';
import type { NodeCatalog } from '../graph/node-catalog.ts';
import { createAjv } from '../graph/node-catalog.ts';
import { ajvIssues } from '../graph/validate-definition.ts';
import type { Language, ParameterType, WorkflowTemplate } from './template.ts';

const ajv = createAjv();
const uuid = { type: 'string', format: 'uuid' };
const day = { enum: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] };
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' };

/** What each parameter type accepts; the nodes' own schemas check the rest when the draft compiles. */
const parameterSchemas: Readonly<Record<ParameterType, object>> = {
  agent: { anyOf: [uuid, { type: 'null' }] },
  team: { anyOf: [uuid, { type: 'null' }] },
  text: { type: 'string', minLength: 1, maxLength: 4000 },
  schedule: {
    type: 'array',
    items: { type: 'object', required: ['day', 'open', 'close'], additionalProperties: false, properties: { day, open: time, close: time } },
  },
  timezone: { type: 'string', minLength: 1 },
  holidays: {
    type: 'array',
    items: {
      type: 'object',
      required: ['date'],
      additionalProperties: false,
      properties: { date: { type: 'string', format: 'date' }, name: { type: 'string' } },
    },
  },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  tag: { type: 'string', minLength: 1, maxLength: 100 },
  field: { type: 'string', minLength: 1, maxLength: 100 },
};
const validators = Object.fromEntries(Object.entries(parameterSchemas).map(([type, schema]) => [type, ajv.compile(schema)]));

export interface TemplateImport {
  readonly language: Language;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Node types a template uses that this engine does not have installed. */
export function missingNodeTypes(template: WorkflowTemplate, catalog: NodeCatalog): string[] {
  const nodes = Array.isArray(template.definition.nodes) ? (template.definition.nodes as { type?: unknown }[]) : [];
  return [...new Set(nodes.map((node) => String(node.type)).filter((type) => catalog.get(type) === undefined))];
}

/**
 * Turns a template into a workflow definition: every `{ "$param": "name" }`
 * becomes the parameter's value (given, or its default; texts in the chosen
 * language), and the workflow is named after the template in that language.
 * Problems are reported all at once, pointing into the import request
 * (`/parameters/team`), and nothing is created.
 */
export function instantiateTemplate(template: WorkflowTemplate, request: TemplateImport, catalog: NodeCatalog): unknown {
  const missing = missingNodeTypes(template, catalog);
  if (missing.length > 0) {
    throw new SwitchboardError(
      'TEMPLATE_NODE_MISSING',
      `Template "${template.id}" uses node types that are not installed: ${missing.join(', ')}. Install their pack and import again; nothing was created.`,
      { details: { missing } },
    );
  }
  const issues: Issue[] = [];
  const known = new Set(template.parameters.map((parameter) => parameter.name));
  for (const name of Object.keys(request.parameters)) {
    if (!known.has(name)) {
      issues.push({
        path: pointer('parameters', name),
        code: 'TEMPLATE_PARAMETER_INVALID',
        message: `Template "${template.id}" has no parameter "${name}"; it takes ${[...known].join(', ') || 'none'}.`,
      });
    }
  }
  const values: Record<string, unknown> = {};
  for (const parameter of template.parameters) {
    const at = pointer('parameters', parameter.name);
    let value = request.parameters[parameter.name];
    // A required parameter has no "nobody" to fall back to: null is as missing as absent.
    if (value === undefined || (value === null && parameter.required === true)) {
      if (parameter.required === true) {
        issues.push({
          path: at,
          code: 'TEMPLATE_PARAMETER_MISSING',
          message: `Parameter "${parameter.name}" (${parameter.title[request.language]}) is required: ${parameter.description[request.language]}`,
        });
        continue;
      }
      value = parameter.type === 'text' ? (parameter.default as Record<Language, string> | undefined)?.[request.language] : parameter.default;
    }
    const validate = validators[parameter.type];
    if (validate !== undefined && !validate(value)) {
      for (const issue of ajvIssues(validate.errors ?? [], at, 'TEMPLATE_PARAMETER_INVALID'))
        issues.push({ ...issue, message: `Parameter "${parameter.name}": ${issue.message}` });
      continue;
    }
    values[parameter.name] = value;
  }
  if (issues.length > 0) {
    const code = issues.every((issue) => issue.code === 'TEMPLATE_PARAMETER_MISSING') ? 'TEMPLATE_PARAMETER_MISSING' : 'TEMPLATE_PARAMETER_INVALID';
    throw new SwitchboardError(code, `Template "${template.id}" cannot be imported: ${issues.map((issue) => issue.message).join(' ')}`, {
      issues,
      status: 422,
    });
  }
  const definition = substitute(template.definition, values) as Record<string, unknown>;
  return { ...definition, name: template.title[request.language], description: template.description[request.language] };
}

/**
 * The template language, deliberately tiny and distinct from Liquid's `{{ }}`
 * (which stays in the definition, rendered at run time):
 * - `{ "$param": "team" }` is replaced by the parameter's value;
 * - `{ "$when": "team", "then": A, "else": B }` is A when the parameter has a
 *   value (not null, not empty) and B otherwise, e.g. assign to a team or, with
 *   no team given, to the whole workspace;
 * - `[[name]]` inside a string is replaced by the parameter's text.
 */
function substitute(value: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') return value.replace(/\[\[([a-zA-Z0-9]+)\]\]/g, (_, name: string) => String(values[name] ?? ''));
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$param === 'string' && Object.keys(record).length === 1) return structuredClone(values[record.$param] ?? null);
    if (typeof record.$when === 'string') return substitute(hasValue(values[record.$when]) ? record.then : record.else, values);
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, substitute(item, values)]));
  }
  return value;
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}
