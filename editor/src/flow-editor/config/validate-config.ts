import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en';
import localizeEs from 'ajv-i18n/localize/es';
import type { TFunction } from 'i18next';
import { constantOf, enumLabel, isSchema, type JsonSchema, pointerOf, pointerSegments, schemaAt, schemaTitle, unionOptions } from './json-schema.ts';

/** A problem with one field of a config: `field` is a JSON Pointer relative to the config ('' for all of it). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  /** Where it came from: an ajv keyword for the form's own checks, an error code (CONFIG_INVALID) for the server's. */
  readonly code?: string;
}

export interface ValidationTexts {
  readonly t: TFunction<'flowConfig'>;
  readonly language: string;
}

// The same options as the server's (engine/src/graph/node-catalog.ts createAjv), so a value the
// form accepts is one publishing accepts; the formats come with @rjsf/validator-ajv8's instance.
const { ajv } = customizeValidator({ ajvOptionsOverrides: { allErrors: true, strict: false, useDefaults: true, coerceTypes: false, verbose: true } });
const compiled = new WeakMap<JsonSchema, ValidateFunction | null>();

function validatorFor(schema: JsonSchema): ValidateFunction | null {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    try {
      validate = ajv.compile(schema);
    } catch {
      // A schema ajv cannot compile is the node's bug; the server refuses it at start, so a
      // form for it gets no checks rather than a crash.
      validate = null;
    }
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Checks a config against its node type's schema as the server will, with messages a person
 * reads on the field: they name the field ("“Capacity” must be 10,000 or less."), in the app's
 * language. A field an `x-when` hides is checked too, as publishing checks it; the form lists
 * such problems above its fields (placeProblems).
 *
 * @example
 * validateConfig(schema, { capacity: 20000 }, { t, language: 'en' })
 * // [{ field: '/capacity', message: '“Capacity” must be 10,000 or less.', code: 'maximum' }]
 */
export function validateConfig(schema: JsonSchema, value: unknown, texts: ValidationTexts): FieldProblem[] {
  const validate = validatorFor(schema);
  if (validate === null) return [];
  // useDefaults writes into what it checks: check a copy, which then holds the defaults x-when reads.
  const data = value === undefined ? {} : structuredClone(value);
  if (validate(data)) return [];
  const errors = [...(validate.errors ?? [])];
  (texts.language.startsWith('es') ? localizeEs : localizeEn)(errors);
  const dropped = collapseUnions(errors);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (dropped.has(error) || error.keyword === 'if') continue;
    const field = fieldOf(error);
    const message = describeError(error, schema, field, texts);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ field, message, code: error.keyword });
  }
  return problems;
}

/** A missing or unexpected property is the property's problem, not its object's. */
function fieldOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return error.instancePath + pointerOf([params.missingProperty]);
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return error.instancePath + pointerOf([params.additionalProperty]);
  }
  return error.instancePath;
}

/**
 * ajv reports every option of a failed `anyOf`: for a capacity of 20000, "must be equal to
 * constant" (the 'agent' option) and "must be <= 10000" (the number option). The option the
 * value got furthest in, past its type, says what to fix; when none took the value's type,
 * one message names the options. Returns the errors said better otherwise.
 */
function collapseUnions(errors: ErrorObject[]): Set<ErrorObject> {
  const dropped = new Set<ErrorObject>();
  for (const wrapper of errors) {
    if (wrapper.keyword !== 'anyOf' && wrapper.keyword !== 'oneOf') continue;
    const prefix = `${wrapper.schemaPath}/`;
    const inside = errors.filter((error) => error !== wrapper && error.schemaPath.startsWith(prefix));
    // oneOf matched by two options has no option errors: its own message stands.
    if (inside.length === 0) continue;
    const branchOf = (error: ErrorObject) => error.schemaPath.slice(prefix.length).split('/', 1)[0] ?? '';
    const missedKind = (error: ErrorObject) => error.instancePath === wrapper.instancePath && ['type', 'const', 'enum'].includes(error.keyword);
    const branches = new Map<string, ErrorObject[]>();
    for (const error of inside) branches.set(branchOf(error), [...(branches.get(branchOf(error)) ?? []), error]);
    const closest = [...branches].find(([, branchErrors]) => !branchErrors.some(missedKind))?.[0];
    if (closest === undefined) {
      for (const error of inside) dropped.add(error);
    } else {
      dropped.add(wrapper);
      for (const error of inside) if (branchOf(error) !== closest) dropped.add(error);
    }
  }
  return dropped;
}

// Patterns the built-in nodes use, worded for people; any other pattern gets the generic message.
const SNAKE_CASE = '^[a-z][a-z0-9_]*$';
const IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]*$';
const TIME = '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';

function describeError(error: ErrorObject, root: JsonSchema, field: string, { t, language }: ValidationTexts): string {
  const name = fieldName(root, field, t);
  const schema = isSchema(error.parentSchema) ? error.parentSchema : (schemaAt(root, field) ?? {});
  const params = error.params as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === 'number' ? new Intl.NumberFormat(language).format(value) : String(value));
  switch (error.keyword) {
    case 'required': {
      const property = schemaAt(root, field) ?? {};
      return Array.isArray(property['enum']) || unionOptions(property) !== undefined
        ? t('validation.requiredChoice', { field: name })
        : t('validation.required', { field: name });
    }
    case 'type': {
      const type = String(params['type']).split(',')[0] ?? '';
      const known = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'] as const;
      const kind = known.find((entry) => entry === type) ?? 'other';
      return t(`validation.type.${kind}`, { field: name });
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return t(`validation.${error.keyword}`, { field: name, limit: number(params['limit']) });
    case 'multipleOf':
      return t('validation.multipleOf', { field: name, limit: number(params['multipleOf']) });
    case 'minLength':
      return params['limit'] === 1 ? t('validation.empty', { field: name }) : t('validation.minLength', { field: name, count: Number(params['limit']) });
    case 'maxLength':
      return t('validation.maxLength', { field: name, count: Number(params['limit']) });
    case 'minItems':
      return t('validation.minItems', { field: name, count: Number(params['limit']) });
    case 'maxItems':
      return t('validation.maxItems', { field: name, count: Number(params['limit']) });
    case 'uniqueItems':
      return t('validation.uniqueItems', { field: name });
    case 'pattern': {
      const pattern = String(params['pattern']);
      if (pattern === SNAKE_CASE) return t('validation.patternSnakeCase', { field: name });
      if (pattern === IDENTIFIER) return t('validation.patternIdentifier', { field: name });
      if (pattern === TIME) return t('validation.patternTime', { field: name });
      const examples = schema['examples'];
      if (Array.isArray(examples) && typeof examples[0] === 'string') return t('validation.patternExample', { field: name, example: examples[0] });
      return t('validation.pattern', { field: name });
    }
    case 'format': {
      const format = String(params['format']);
      const known = ['date', 'time', 'date-time', 'email', 'uuid'] as const;
      const kind = format === 'url' || format === 'uri' ? 'uri' : (known.find((entry) => entry === format) ?? 'other');
      return t(`validation.format.${kind}`, { field: name, format });
    }
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'] : [];
      return t('validation.enum', { field: name, options: allowed.map((value) => enumLabel(schema, value)).join(', ') });
    }
    case 'const':
      return t('validation.const', { field: name, value: JSON.stringify(params['allowedValue']) });
    case 'anyOf':
    case 'oneOf': {
      const options = (unionOptions(schema) ?? []).map((option, index) => schemaTitle(option) ?? constantLabel(option) ?? String(index + 1));
      return t('validation.union', { field: name, options: options.join(' · ') });
    }
    case 'additionalProperties':
      return t('validation.additionalProperties', { field: name });
    default:
      return t('validation.other', { field: name, message: (error.message ?? '').replace(/\.$/, '') });
  }
}

function constantLabel(option: JsonSchema): string | undefined {
  const constant = constantOf(option);
  return constant === undefined ? undefined : JSON.stringify(constant.value);
}

/**
 * How a message names a field: its title ("Capacity"); an untitled array item by its list and
 * place ("Opening hours, item 2"); else the property's own name.
 */
export function fieldName(root: JsonSchema, field: string, t: TFunction<'flowConfig'>): string {
  const segments = pointerSegments(field);
  const schema = schemaAt(root, field);
  const title = schema === undefined ? undefined : schemaTitle(schema);
  if (title !== undefined) return title;
  const last = segments.at(-1);
  if (last === undefined) return schemaTitle(root) ?? '';
  if (/^\d+$/.test(last)) {
    const list = fieldName(root, pointerOf(segments.slice(0, -1)), t);
    return t('validation.item', { list, number: Number(last) + 1 });
  }
  return last;
}
