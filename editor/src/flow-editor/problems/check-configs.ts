import type { WorkflowDefinition } from '@switchboard/engine/graph';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localize from 'ajv-i18n';
import type { NodeProblem, ProblemSet } from './problems.ts';

/** What the checker needs of a node type: its id and its config's JSON Schema. */
export interface CheckedType {
  readonly type: string;
  readonly configSchema: unknown;
}

type Language = 'en' | 'es';

/**
 * Checks every node's config against its type's JSON Schema in the browser, as the person types,
 * with the same ajv options the server uses (node-catalog.ts), so what is flagged here is what
 * publishing would refuse; messages come from ajv-i18n in the person's language and start with
 * the field's title, so "Capacidad: debe ser >= 0" says which field.
 *
 * Compiled validators are cached per type and schema object: node types load once per page.
 */
export function createConfigChecker(): (definition: WorkflowDefinition, types: (type: string) => CheckedType | undefined, language: Language) => ProblemSet {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: false });
  addFormats(ajv);
  const compiled = new WeakMap<object, ValidateFunction | null>();
  const validatorOf = (schema: unknown): ValidateFunction | null => {
    if (typeof schema !== 'object' || schema === null) return null;
    let validate = compiled.get(schema);
    if (validate === undefined) {
      try {
        validate = ajv.compile(schema);
      } catch {
        // The server refused such a node type at start; a schema ajv cannot compile checks nothing here.
        validate = null;
      }
      compiled.set(schema, validate);
    }
    return validate;
  };
  return (definition, types, language) => {
    const byNode = new Map<string, NodeProblem[]>();
    for (const node of definition.nodes) {
      const type = types(node.type);
      if (type === undefined) continue;
      const validate = validatorOf(type.configSchema);
      if (validate === null) continue;
      // useDefaults fills the value it checks: check a copy, never the document.
      if (validate(structuredClone(node.config))) continue;
      const errors = [...(validate.errors ?? [])];
      localize[language](errors);
      const problems = problemsOf(errors, type.configSchema);
      if (problems.length > 0) byNode.set(node.id, problems);
    }
    return { byNode, document: [] };
  };
}

function problemsOf(errors: readonly ErrorObject[], schema: unknown): NodeProblem[] {
  const problems: NodeProblem[] = [];
  const seen = new Set<string>();
  // One message per field: an anyOf that no branch matched reports each branch, and the person
  // needs to know only that the field is wrong and how.
  const wrappers = new Set(errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => error.instancePath));
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (wrappers.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    let field = error.instancePath;
    if (error.keyword === 'required') field += `/${escapeSegment(String((error.params as { missingProperty: string }).missingProperty))}`;
    if (error.keyword === 'additionalProperties') field += `/${escapeSegment(String((error.params as { additionalProperty: string }).additionalProperty))}`;
    if (seen.has(field)) continue;
    seen.add(field);
    const title = titleAt(schema, field);
    const message = error.keyword === 'anyOf' || error.keyword === 'oneOf' ? anyOfMessage(error) : (error.message ?? '');
    problems.push({ field, code: 'CONFIG_INVALID', message: title === undefined ? message : `${title}: ${message}` });
  }
  return problems;
}

/** ajv-i18n words an unmatched anyOf as "must match a schema in anyOf"; the message keeps its localized wording. */
function anyOfMessage(error: ErrorObject): string {
  return error.message ?? '';
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The `title` of the schema that describes the value at `field` (properties and items only). */
export function titleAt(schema: unknown, field: string): string | undefined {
  let current: unknown = schema;
  for (const raw of field.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null) return undefined;
    const node = current as { properties?: Record<string, unknown>; items?: unknown };
    if (node.properties !== undefined && Object.hasOwn(node.properties, segment)) current = node.properties[segment];
    else if (node.items !== undefined && /^\d+$/.test(segment)) current = node.items;
    else return undefined;
  }
  const title = (current as { title?: unknown } | null)?.title;
  return typeof title === 'string' && field !== '' ? title : undefined;
}
