/**
 * Conditions: the small rule language that `core.branch` and `core.event` share.
 * A condition reads one value by dotted path (`trigger.priority`, `vars.plan`,
 * `contact.tags`) and tests it with an operator.
 *
 * There is deliberately no regex operator: patterns would come from workflow
 * authors and run against customer-written text, so one catastrophically
 * backtracking pattern (ReDoS) would stall a worker on every run that reaches it.
 */
import { readPath, Type, type ConfigFieldTranslation, type ConfigIssue, type Static } from '@switchboard/sdk';
import { stringEnum } from './string-enum.ts';
import type { ConfigTexts } from './texts-under.ts';

export const conditionOperators = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'greater_than',
  'greater_than_or_equal',
  'less_than',
  'less_than_or_equal',
  'exists',
  'not_exists',
  'is_empty',
  'is_not_empty',
  'in',
  'not_in',
] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

const operatorsWithoutValue: ReadonlySet<ConditionOperator> = new Set(['exists', 'not_exists', 'is_empty', 'is_not_empty']);
const listOperators: ReadonlySet<ConditionOperator> = new Set(['in', 'not_in']);

/** The operators whose conditions compare texts, where case may be ignored. */
const textOperators: readonly ConditionOperator[] = ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'not_in'];

/**
 * A condition's schema. In a step (`core.branch`) the config is rendered before the
 * condition is tested, so its value may be a template; a trigger tests the event with the
 * config as written.
 */
function conditionSchemaOf(valueIsTemplate: boolean) {
  return Type.Object(
    {
      path: Type.String({
        minLength: 1,
        title: 'Field',
        description: 'Dotted path of the value to test, e.g. trigger.priority, vars.plan or contact.tags.',
      }),
      operator: stringEnum(conditionOperators, {
        title: 'Operator',
        description: 'How to test the value. Comparisons (greater than, ...) work on numbers, numeric text and ISO dates; contains works on text and lists.',
        default: 'equals',
        labels: {
          equals: 'Equals',
          not_equals: 'Does not equal',
          contains: 'Contains',
          not_contains: 'Does not contain',
          starts_with: 'Starts with',
          ends_with: 'Ends with',
          greater_than: 'Greater than',
          greater_than_or_equal: 'Greater than or equal to',
          less_than: 'Less than',
          less_than_or_equal: 'Less than or equal to',
          exists: 'Exists',
          not_exists: 'Does not exist',
          is_empty: 'Is empty',
          is_not_empty: 'Is not empty',
          in: 'Is one of',
          not_in: 'Is none of',
        },
      }),
      value: Type.Optional(
        Type.Unknown({
          ...(valueIsTemplate ? { 'x-template': true } : {}),
          'x-when': { operator: conditionOperators.filter((operator) => !operatorsWithoutValue.has(operator)) },
          title: 'Value',
          description:
            'What to compare with; may use templates. A list for "is one of" and "is none of"; not used by exists, does not exist, is empty and is not empty.',
        }),
      ),
      ignoreCase: Type.Optional(
        Type.Boolean({
          default: false,
          'x-when': { operator: textOperators },
          title: 'Ignore case',
          description: 'Compare text without regard to upper and lower case.',
        }),
      ),
    },
    { additionalProperties: false },
  );
}

/** A condition as a trigger tests an event: the value is compared as written. */
export const conditionSchema = conditionSchemaOf(false);
/** A condition as a step tests the run's scope: the value is rendered first, so it may use templates. */
export const stepConditionSchema = conditionSchemaOf(true);
export type Condition = Static<typeof conditionSchema>;

export const matchModes = ['all', 'any'] as const;
export type MatchMode = (typeof matchModes)[number];

export function matchModeSchema() {
  return stringEnum(matchModes, {
    title: 'Match',
    description: 'All conditions: every condition must hold. Any condition: at least one must hold.',
    default: 'all',
    labels: { all: 'All conditions', any: 'Any condition' },
  });
}

/** Spanish texts of `conditionSchema`, pointers relative to it (place them with `textsUnder`). */
export const conditionTextsEs: ConfigTexts = {
  '/properties/path': { title: 'Campo', description: 'Ruta con puntos del valor que se comprueba, p. ej. trigger.priority, vars.plan o contact.tags.' },
  '/properties/operator': {
    title: 'Operador',
    description:
      'Cómo se comprueba el valor. Las comparaciones (mayor que, ...) funcionan con números, texto numérico y fechas ISO; «contiene» funciona con texto y listas.',
    enumNames: {
      equals: 'Es igual a',
      not_equals: 'No es igual a',
      contains: 'Contiene',
      not_contains: 'No contiene',
      starts_with: 'Empieza por',
      ends_with: 'Termina en',
      greater_than: 'Mayor que',
      greater_than_or_equal: 'Mayor o igual que',
      less_than: 'Menor que',
      less_than_or_equal: 'Menor o igual que',
      exists: 'Existe',
      not_exists: 'No existe',
      is_empty: 'Está vacío',
      is_not_empty: 'No está vacío',
      in: 'Es uno de',
      not_in: 'No es ninguno de',
    },
  },
  '/properties/value': {
    title: 'Valor',
    description:
      'Con qué se compara; admite plantillas. Una lista para «es uno de» y «no es ninguno de»; no se usa con «existe», «no existe», «está vacío» ni «no está vacío».',
  },
  '/properties/ignoreCase': { title: 'Ignorar mayúsculas', description: 'Compara el texto sin distinguir mayúsculas de minúsculas.' },
};

/** Spanish texts of `matchModeSchema()`. */
export const matchModeTextsEs: ConfigFieldTranslation = {
  title: 'Deben cumplirse',
  description: 'Todas las condiciones: tienen que cumplirse todas. Al menos una: basta con que se cumpla una.',
  enumNames: { all: 'Todas las condiciones', any: 'Al menos una' },
};

/** Whether the conditions hold over `scope`. No conditions means no filter: it holds. */
export function evaluateConditions(match: MatchMode, conditions: readonly Condition[], scope: unknown): boolean {
  if (conditions.length === 0) return true;
  return match === 'all' ? conditions.every((condition) => conditionHolds(condition, scope)) : conditions.some((condition) => conditionHolds(condition, scope));
}

export function conditionHolds(condition: Condition, scope: unknown): boolean {
  const actual = readPath(scope, condition.path);
  const expected = condition.value;
  const ignoreCase = condition.ignoreCase ?? false;
  switch (condition.operator) {
    case 'equals':
      return looselyEqual(actual, expected, ignoreCase);
    case 'not_equals':
      return !looselyEqual(actual, expected, ignoreCase);
    case 'contains':
      return contains(actual, expected, ignoreCase);
    case 'not_contains':
      return !contains(actual, expected, ignoreCase);
    case 'starts_with':
      return testText(actual, expected, ignoreCase, (text, part) => text.startsWith(part));
    case 'ends_with':
      return testText(actual, expected, ignoreCase, (text, part) => text.endsWith(part));
    case 'greater_than':
      return testOrder(actual, expected, (order) => order > 0);
    case 'greater_than_or_equal':
      return testOrder(actual, expected, (order) => order >= 0);
    case 'less_than':
      return testOrder(actual, expected, (order) => order < 0);
    case 'less_than_or_equal':
      return testOrder(actual, expected, (order) => order <= 0);
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
    case 'in':
      return Array.isArray(expected) && expected.some((item) => looselyEqual(actual, item, ignoreCase));
    case 'not_in':
      return !(Array.isArray(expected) && expected.some((item) => looselyEqual(actual, item, ignoreCase)));
  }
}

/** Problems a schema can't see: a missing value, or "in" without a list. Paths are under `basePath`. */
export function conditionIssues(conditions: readonly Condition[], basePath: string): readonly ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  conditions.forEach((condition, index) => {
    const path = `${basePath}/${index}/value`;
    if (listOperators.has(condition.operator) && !Array.isArray(condition.value)) {
      issues.push({ path, message: `Operator "${condition.operator}" needs a list of values to look in, e.g. ["gold", "platinum"].` });
    } else if (!operatorsWithoutValue.has(condition.operator) && condition.value === undefined) {
      issues.push({ path, message: `Operator "${condition.operator}" needs a value to compare ${condition.path} with.` });
    }
  });
  return issues;
}

/**
 * Equality as operations staff expect it from a form: the editor sends typed
 * values as text, so `5` equals `"5"` and `true` equals `"true"`; otherwise
 * types must agree, and lists and objects compare by content.
 */
function looselyEqual(actual: unknown, expected: unknown, ignoreCase: boolean): boolean {
  if (actual === undefined || actual === null) return expected === undefined || expected === null;
  if (typeof actual === 'string' && typeof expected === 'string') return fold(actual, ignoreCase) === fold(expected, ignoreCase);
  if (typeof actual === 'number' && typeof expected === 'string') return actual === toNumber(expected);
  if (typeof actual === 'string' && typeof expected === 'number') return toNumber(actual) === expected;
  if (typeof actual === 'boolean' && typeof expected === 'string') return String(actual) === fold(expected, true).trim();
  if (typeof actual === 'string' && typeof expected === 'boolean') return fold(actual, true).trim() === String(expected);
  if (Array.isArray(actual)) {
    return Array.isArray(expected) && actual.length === expected.length && actual.every((item, index) => looselyEqual(item, expected[index], ignoreCase));
  }
  if (isRecord(actual)) {
    if (!isRecord(expected)) return false;
    const keys = Object.keys(actual);
    return (
      keys.length === Object.keys(expected).length && keys.every((key) => Object.hasOwn(expected, key) && looselyEqual(actual[key], expected[key], ignoreCase))
    );
  }
  return actual === expected;
}

/** Text contains a part, or a list contains an item. */
function contains(actual: unknown, expected: unknown, ignoreCase: boolean): boolean {
  if (Array.isArray(actual)) return actual.some((item) => looselyEqual(item, expected, ignoreCase));
  return testText(actual, expected, ignoreCase, (text, part) => text.includes(part));
}

function testText(actual: unknown, expected: unknown, ignoreCase: boolean, test: (text: string, part: string) => boolean): boolean {
  const text = asText(actual);
  const part = asText(expected);
  return text !== undefined && part !== undefined && test(fold(text, ignoreCase), fold(part, ignoreCase));
}

function testOrder(actual: unknown, expected: unknown, test: (order: number) => boolean): boolean {
  const order = compare(actual, expected);
  return order !== undefined && test(order);
}

/** Orders two numbers (or numeric texts), else two ISO dates; anything else has no order. */
function compare(actual: unknown, expected: unknown): number | undefined {
  const actualNumber = toNumber(actual);
  const expectedNumber = toNumber(expected);
  if (actualNumber !== undefined && expectedNumber !== undefined) return Math.sign(actualNumber - expectedNumber);
  const actualTime = toTime(actual);
  const expectedTime = toTime(expected);
  if (actualTime !== undefined && expectedTime !== undefined) return Math.sign(actualTime - expectedTime);
  return undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  // Number('') and Number(' ') are 0: blank text is not the number zero.
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

function toTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const iso = text.replace(' ', 'T');
  // Date.parse reads a date-time without an offset in the server's own zone;
  // read it as UTC so that a condition means the same on every worker.
  const time = Date.parse(iso.length > 10 && match[1] === undefined ? `${iso}Z` : iso);
  return Number.isNaN(time) ? undefined : time;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function fold(text: string, ignoreCase: boolean): string {
  return ignoreCase ? text.toLowerCase() : text;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
