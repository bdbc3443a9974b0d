import { pointer } from '@switchboard/engine/graph';
import { ApiRequestError } from '../api/api-request-error.ts';
import type { components, paths } from '../api/schema.d.ts';
import type { Language } from '../i18n/languages.ts';

/** A bundled template as `GET /api/templates` lists it. */
export type TemplateSummary = paths['/api/templates']['get']['responses'][200]['content']['application/json'][number];

export type TemplateParameter = TemplateSummary['parameters'][number];

type Issue = components['schemas']['Issue'];

/** A problem with one answer, where the form shows it: `field` is a JSON Pointer into the answers (`/team`, `/schedule/2/close`). */
export interface ParameterProblem {
  readonly field: string;
  readonly message: string;
  readonly code?: string;
}

/** The picker each parameter type gets (`x-picker`, the config panel's annotation); the others are typed. */
const pickers: Readonly<Record<string, string>> = {
  team: 'team',
  agent: 'agent',
  tag: 'tag',
  field: 'field',
  timezone: 'timezone',
  schedule: 'schedule',
  holidays: 'holidays',
};

/** Parameter types whose value is the id of something that exists; none given means the template's default (the whole workspace). */
const idTypes = new Set(['team', 'agent']);

const day = { type: 'string', enum: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] };
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' };

/** A default as the person's language has it: a text parameter's default is one per language. */
function defaultIn(parameter: TemplateParameter, language: Language): unknown {
  const value = parameter.default;
  if (parameter.type === 'text' && typeof value === 'object' && value !== null) return (value as Partial<Record<Language, string>>)[language];
  return value;
}

/** A text that holds Liquid, or runs long, is a message: a template field with `{{ }}` help. A short label stays a plain box. */
function isMessage(text: unknown): boolean {
  return typeof text === 'string' && (/\{\{|\{%/.test(text) || text.length > 60);
}

/**
 * The template's parameters as a JSON Schema the config panel's SchemaForm draws: titles and
 * descriptions in the person's language, `x-picker` where the value is picked (a team, an agent,
 * a tag, a contact field, a time zone, opening hours, holidays), `x-template` for message texts,
 * and the defaults filled in. The server checks the answers again on import.
 */
export function parametersSchema(parameters: readonly TemplateParameter[], language: Language): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const base = { title: parameter.title[language], description: parameter.description[language] };
    const fallback = defaultIn(parameter, language);
    const withDefault = fallback === undefined || fallback === null ? {} : { default: fallback };
    const picker = pickers[parameter.type];
    switch (parameter.type) {
      case 'schedule':
        properties[parameter.name] = {
          ...base,
          type: 'array',
          'x-picker': picker,
          items: { type: 'object', required: ['day', 'open', 'close'], additionalProperties: false, properties: { day, open: time, close: time } },
          ...withDefault,
        };
        break;
      case 'holidays':
        properties[parameter.name] = {
          ...base,
          type: 'array',
          'x-picker': picker,
          items: {
            type: 'object',
            required: ['date'],
            additionalProperties: false,
            properties: { date: { type: 'string', format: 'date' }, name: { type: 'string' } },
          },
          ...withDefault,
        };
        break;
      case 'text':
        properties[parameter.name] = {
          ...base,
          type: 'string',
          minLength: 1,
          maxLength: 4000,
          ...(isMessage(fallback) ? { 'x-template': 'multiline' } : {}),
          ...withDefault,
        };
        break;
      case 'number':
        properties[parameter.name] = { ...base, type: 'number', ...withDefault };
        break;
      case 'boolean':
        properties[parameter.name] = { ...base, type: 'boolean', ...withDefault };
        break;
      default:
        // team, agent, tag, field, timezone, and a type this editor does not know yet: a string,
        // picked where there is a picker for it.
        properties[parameter.name] = { ...base, type: 'string', ...(picker === undefined ? {} : { 'x-picker': picker }), ...withDefault };
    }
  }
  return {
    type: 'object',
    properties,
    required: parameters.filter((parameter) => parameter.required === true).map((parameter) => parameter.name),
    additionalProperties: false,
  };
}

/** The answers the dialog starts from: each parameter's default in the person's language. */
export function initialAnswers(parameters: readonly TemplateParameter[], language: Language): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const value = defaultIn(parameter, language);
    if (value !== undefined && value !== null) answers[parameter.name] = structuredClone(value);
  }
  return answers;
}

/**
 * The `parameters` of the import request: what the person answered, without the id pickers left
 * empty (the server then takes the default: the whole workspace) and without anything the template
 * does not take.
 */
export function importParameters(parameters: readonly TemplateParameter[], answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const sent: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const value = answers[parameter.name];
    if (value === undefined || (idTypes.has(parameter.type) && (value === null || value === ''))) continue;
    sent[parameter.name] = value;
  }
  return sent;
}

/** The required parameters left without an answer, as problems on their fields (the words are the caller's). */
export function missingAnswers(parameters: readonly TemplateParameter[], answers: Readonly<Record<string, unknown>>, message: string): ParameterProblem[] {
  return parameters
    .filter((parameter) => parameter.required === true)
    .filter((parameter) => {
      const value = answers[parameter.name];
      return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    })
    .map((parameter) => ({ field: pointer(parameter.name), message, code: 'TEMPLATE_PARAMETER_MISSING' }));
}

/**
 * The server's issues about the answers (422 TEMPLATE_PARAMETER_MISSING or _INVALID, or
 * REQUEST_INVALID, each at `/parameters/<name>…` of the request) as problems on the fields they
 * name. Issues elsewhere in the request stay with the form's own error.
 */
export function problemsOf(error: unknown, words: { readonly missing: string }): ParameterProblem[] {
  if (!(error instanceof ApiRequestError)) return [];
  const issues: readonly Issue[] = error.body?.issues ?? [];
  return issues.flatMap((issue) => {
    if (issue.path !== '/parameters' && !issue.path.startsWith('/parameters/')) return [];
    const field = issue.path.slice('/parameters'.length);
    const { code } = issue;
    return [{ field, message: code === 'TEMPLATE_PARAMETER_MISSING' ? words.missing : issue.message, code }];
  });
}
