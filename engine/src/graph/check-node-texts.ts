import type { ConfigFieldTranslation, NodeTranslation } from '@switchboard/sdk';
import { SwitchboardError } from '../errors.ts';
import { escapePointerSegment, readPointer } from './json-pointer.ts';
import { explanationParamsOf } from './explanation-text.ts';
import type { PortRule } from './port-rule.ts';

/** The language of a node's default text when it names none. */
export const DEFAULT_NODE_LANGUAGE = 'en';

const TRANSLATION_KEYS: ReadonlySet<string> = new Set(['title', 'description', 'category', 'config', 'output', 'ports', 'explanations']);
const FIELD_KEYS: ReadonlySet<string> = new Set(['title', 'description', 'enumNames']);

/** What of a node definition its texts are checked against. */
export interface NodeTexts {
  readonly configSchema: unknown;
  readonly outputSchema?: unknown;
  readonly ports: PortRule;
  readonly language?: string;
  readonly portLabels?: Readonly<Record<string, string>>;
  readonly translations?: Readonly<Record<string, NodeTranslation>>;
  readonly explanations?: Readonly<Record<string, string>>;
}

/**
 * Checks a node's `language`, `portLabels`, the `x-enumNames` of its config
 * schema and its `translations`, at registration. Every pointer, field and port
 * a translation names must exist in the node, so a renamed field or port fails
 * the start instead of leaving a label that nothing shows. `where` names the
 * node and its source in the message.
 */
export function checkNodeTexts(node: NodeTexts, where: string): void {
  const fail: (message: string) => never = (message) => {
    throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: ${message}`);
  };
  const language = node.language ?? DEFAULT_NODE_LANGUAGE;
  checkLanguageTag(language, '"language"', fail);
  const fixedPorts = fixedPortNames(node.ports);
  if (node.portLabels !== undefined) checkPortLabels(node.portLabels, '"portLabels"', fixedPorts, fail);
  if (node.explanations !== undefined) checkExplanations(node.explanations, '"explanations"', undefined, fail);
  checkEnumNames(node.configSchema, '', fail, 'configSchema');
  if (node.outputSchema !== undefined) checkEnumNames(node.outputSchema, '', fail, 'outputSchema');
  if (node.translations === undefined) return;
  if (!isRecord(node.translations)) fail('"translations" must be an object keyed by language tag, e.g. { es: { title, description } }.');
  for (const [tag, translation] of Object.entries(node.translations)) {
    const at = `translations[${JSON.stringify(tag)}]`;
    checkLanguageTag(tag, at, fail);
    if (tag === language) fail(`${at} repeats the default language "${language}": the node's own title, description and schema are its ${language} text.`);
    checkTranslation(translation, at, node, fixedPorts, fail);
  }
}

function checkTranslation(translation: unknown, at: string, node: NodeTexts, fixedPorts: ReadonlySet<string>, fail: (message: string) => never): void {
  if (!isRecord(translation)) fail(`${at} must be an object with title and description (and optionally category, config, output, ports).`);
  const unknownKey = Object.keys(translation).find((key) => !TRANSLATION_KEYS.has(key));
  if (unknownKey !== undefined) fail(`${at} has "${unknownKey}", which is not one of title, description, category, config, output, ports, explanations.`);
  for (const field of ['title', 'description'] as const) {
    if (!isText(translation[field])) fail(`${at}.${field} must be a non-empty string.`);
  }
  if (translation['category'] !== undefined && !isText(translation['category'])) fail(`${at}.category must be a non-empty string when given.`);
  const { config, output, ports } = translation;
  if (ports !== undefined) checkPortLabels(ports, `${at}.ports`, fixedPorts, fail);
  if (translation['explanations'] !== undefined) checkExplanations(translation['explanations'], `${at}.explanations`, node.explanations ?? {}, fail);
  if (config !== undefined) checkSchemaTexts(config, `${at}.config`, node.configSchema, 'config schema', fail);
  if (output === undefined) return;
  if (node.outputSchema === undefined) fail(`${at}.output translates an output schema the node does not have; declare outputSchema or remove it.`);
  checkSchemaTexts(output, `${at}.output`, node.outputSchema, 'output schema', fail);
}

/**
 * Checks translated texts keyed by JSON Pointer into `schema`: each pointer names a place
 * there, and translates only the title, description and enum labels that place has.
 */
export function checkSchemaTexts(texts: unknown, at: string, schema: unknown, schemaName: string, fail: (message: string) => never): void {
  if (!isRecord(texts)) fail(`${at} must be an object keyed by JSON Pointer into the ${schemaName}, e.g. { "/properties/target": { title } }.`);
  for (const [pointer, field] of Object.entries(texts)) {
    checkFieldTranslation(field, `${at}[${JSON.stringify(pointer)}]`, schema, schemaName, pointer, fail);
  }
}

function checkFieldTranslation(texts: unknown, at: string, schema: unknown, schemaName: string, pointer: string, fail: (message: string) => never): void {
  const target = pointer === '' || pointer.startsWith('/') ? readPointer(schema, pointer) : undefined;
  if (!isRecord(target)) fail(`${at}: the ${schemaName} has nothing at this pointer${nearestHint(schema, pointer)}`);
  if (!isRecord(texts)) fail(`${at} must be an object with title, description or enumNames.`);
  const unknownKey = Object.keys(texts).find((key) => !FIELD_KEYS.has(key));
  if (unknownKey !== undefined) fail(`${at} has "${unknownKey}", which is not one of title, description, enumNames.`);
  const { title, description, enumNames } = texts as ConfigFieldTranslation;
  for (const [field, value] of [
    ['title', title],
    ['description', description],
  ] as const) {
    if (value === undefined) continue;
    if (!isText(value)) fail(`${at}.${field} must be a non-empty string.`);
    // A translation mirrors the default text: one with no counterpart is stale or aimed at the wrong place.
    if (!isText(target[field])) fail(`${at}.${field} translates a ${field} the ${schemaName} does not have at ${JSON.stringify(pointer)}.`);
  }
  if (enumNames === undefined) return;
  const values = target['enum'];
  if (!Array.isArray(values)) fail(`${at}.enumNames labels values of an enum, but the ${schemaName} at ${JSON.stringify(pointer)} has no enum.`);
  if (!isRecord(enumNames)) fail(`${at}.enumNames must be an object keyed by enum value, e.g. { "round_robin": "Por turnos (round robin)" }.`);
  for (const [value, label] of Object.entries(enumNames)) {
    if (!values.includes(value))
      fail(`${at}.enumNames names "${value}", which is not a value of the enum (${values.map((each) => JSON.stringify(each)).join(', ')}).`);
    if (!isText(label)) fail(`${at}.enumNames["${value}"] must be a non-empty string.`);
  }
}

/**
 * A node's explanation texts, keyed by code, with well-formed placeholders. A translation
 * (`defaults` given) translates only codes the node declares, with only the params the default
 * text inserts: a params record is checked against the default text when a step explains.
 */
function checkExplanations(texts: unknown, at: string, defaults: Readonly<Record<string, string>> | undefined, fail: (message: string) => never): void {
  if (!isRecord(texts)) fail(`${at} must be an object keyed by code, e.g. { "next_in_round": "{agent} was next in the round." }.`);
  for (const [code, text] of Object.entries(texts)) {
    if (!isText(text)) fail(`${at}[${JSON.stringify(code)}] must be a non-empty string.`);
    const parsed = explanationParamsOf(text);
    if ('error' in parsed) fail(`${at}[${JSON.stringify(code)}]: ${parsed.error}`);
    if (defaults === undefined) continue;
    const original = defaults[code];
    if (original === undefined || !Object.hasOwn(defaults, code)) fail(`${at} translates "${code}", which is not one of the node's explanations.`);
    const known = explanationParamsOf(original);
    const extra = 'names' in known ? [...parsed.names].find((name) => !known.names.has(name)) : undefined;
    if (extra !== undefined) fail(`${at}[${JSON.stringify(code)}] inserts {${extra}}, which the default text of "${code}" does not.`);
  }
}

/** Every `x-enumNames` in the schema sits beside an `enum` and has one non-empty label per value. */
function checkEnumNames(schema: unknown, pointer: string, fail: (message: string) => never, schemaName: string): void {
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) checkEnumNames(item, `${pointer}/${index}`, fail, schemaName);
    return;
  }
  if (!isRecord(schema)) return;
  const names = schema['x-enumNames'];
  if (names !== undefined) {
    const values = schema['enum'];
    const at = `${schemaName} at ${JSON.stringify(pointer)}`;
    if (!Array.isArray(values)) fail(`${at} has x-enumNames but no enum.`);
    if (!Array.isArray(names) || names.length !== values.length || !names.every(isText)) {
      fail(`${at}: x-enumNames must list one non-empty label per enum value, in enum order (${values.length} values).`);
    }
  }
  for (const [key, value] of Object.entries(schema)) {
    // Values, not schemas: a default or an example may hold anything, x-enumNames included.
    if (key === 'default' || key === 'examples' || key === 'const' || key === 'enum') continue;
    checkEnumNames(value, `${pointer}/${escapePointerSegment(key)}`, fail, schemaName);
  }
}

function checkPortLabels(labels: unknown, at: string, fixedPorts: ReadonlySet<string>, fail: (message: string) => never): void {
  if (!isRecord(labels)) fail(`${at} must be an object keyed by port name, e.g. { "open": "Open" }.`);
  for (const [port, label] of Object.entries(labels)) {
    if (!fixedPorts.has(port)) {
      const known = [...fixedPorts].map((name) => `"${name}"`).join(', ');
      fail(`${at} labels port "${port}", which the node does not declare (fixed ports: ${known === '' ? 'none' : known}).`);
    }
    if (!isText(label)) fail(`${at}["${port}"] must be a non-empty string.`);
  }
}

export function checkLanguageTag(tag: unknown, at: string, fail: (message: string) => never): void {
  let canonical: string | undefined;
  try {
    // Intl accepts any 5-8 letter word as a language (BCP 47 reserves them); real ones have 2 or 3 letters.
    canonical = typeof tag === 'string' && /^[a-z]{2,3}(-|$)/i.test(tag) ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined) fail(`${at}: ${JSON.stringify(tag)} is not a language tag; use one like "es", "en" or "pt-BR".`);
  // One spelling per language, so two translations can't both be "es" and a match is a plain comparison.
  if (canonical !== tag) fail(`${at}: write the language tag ${JSON.stringify(tag)} as "${canonical}".`);
}

/** The port names a rule lists as text, at the top and in a switch's cases and default. */
export function fixedPortNames(rule: PortRule): ReadonlySet<string> {
  const names = new Set<string>();
  for (const source of rule) {
    if (typeof source === 'string') names.add(source);
    else if (source.kind === 'switch') {
      for (const item of [...Object.values(source.cases).flat(), ...source.default]) if (typeof item === 'string') names.add(item);
    }
  }
  return names;
}

/** ", which ends at /properties: it has target, teamId" — the deepest part of the pointer that exists, and what is there. */
function nearestHint(schema: unknown, pointer: string): string {
  if (!pointer.startsWith('/')) return `; pointers are JSON Pointers into configSchema and start with "/", e.g. "/properties/${pointer}".`;
  const segments = pointer.slice(1).split('/');
  for (let length = segments.length - 1; length >= 0; length -= 1) {
    const prefix = segments
      .slice(0, length)
      .map((segment) => `/${segment}`)
      .join('');
    const found = readPointer(schema, prefix);
    if (isRecord(found)) {
      const keys = Object.keys(found);
      return `. It exists up to ${prefix === '' ? 'the schema root' : JSON.stringify(prefix)}, which has ${keys.length === 0 ? 'nothing' : keys.map((key) => `"${key}"`).join(', ')}.`;
    }
  }
  return '.';
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
