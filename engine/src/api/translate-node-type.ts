import type { ConfigFieldTranslation } from '@switchboard/sdk';
import { DEFAULT_NODE_LANGUAGE } from '../graph/check-node-texts.ts';
import { readPointer } from '../graph/json-pointer.ts';
import type { NodeTypeSpec } from '../graph/node-catalog.ts';

/** What of a node type a person reads, in one language. */
export interface NodeTypeTexts {
  /** The language these texts are in; what a translation leaves out is in the node's default language. */
  readonly language: string;
  readonly title: string;
  readonly category: string;
  readonly description: string;
  readonly configSchema: unknown;
  /** Undefined when the node declares none. */
  readonly outputSchema: unknown;
  readonly portLabels: Readonly<Record<string, string>>;
}

/** The languages a node is written in, its default language first. */
export function languagesOf(definition: NodeTypeSpec): string[] {
  return [definition.language ?? DEFAULT_NODE_LANGUAGE, ...Object.keys(definition.translations ?? {})];
}

/**
 * A node's texts in `language`: its default text, or one of its translations
 * laid over it. The config and output schemas of a translation are copies with
 * the translated `title`, `description` and `x-enumNames` in place, so a client
 * renders a form from them the same way in every language. The catalog checked
 * every pointer at registration (check-node-texts.ts).
 */
export function translateNodeType(definition: NodeTypeSpec, language: string): NodeTypeTexts {
  const base = {
    language: definition.language ?? DEFAULT_NODE_LANGUAGE,
    title: definition.title,
    category: definition.category,
    description: definition.description,
    configSchema: definition.configSchema,
    outputSchema: definition.outputSchema,
    portLabels: definition.portLabels ?? {},
  };
  const translation = definition.translations?.[language];
  if (translation === undefined) return base;
  return {
    language,
    title: translation.title,
    category: translation.category ?? definition.category,
    description: translation.description,
    configSchema: translatedSchema(definition.configSchema, translation.config),
    outputSchema: definition.outputSchema === undefined ? undefined : translatedSchema(definition.outputSchema, translation.output),
    portLabels: { ...base.portLabels, ...translation.ports },
  };
}

/** A copy of `schema` with the texts in place, or the schema itself when there are none. */
function translatedSchema(schema: unknown, texts: Readonly<Record<string, ConfigFieldTranslation>> | undefined): unknown {
  if (texts === undefined) return schema;
  // JSON, as it is sent: TypeBox's symbol keys are dropped either way.
  const translated: unknown = JSON.parse(JSON.stringify(schema));
  for (const [pointer, field] of Object.entries(texts)) applyTexts(readPointer(translated, pointer) as Record<string, unknown>, field);
  return translated;
}

function applyTexts(target: Record<string, unknown>, texts: ConfigFieldTranslation): void {
  if (texts.title !== undefined) target['title'] = texts.title;
  if (texts.description !== undefined) target['description'] = texts.description;
  const { enumNames } = texts;
  if (enumNames === undefined) return;
  const values = target['enum'] as readonly unknown[];
  const defaults = target['x-enumNames'] as readonly string[] | undefined;
  // Own keys only: an enum value "constructor" must not find Object.prototype's.
  const label = (value: unknown, index: number) =>
    typeof value === 'string' && Object.hasOwn(enumNames, value) ? enumNames[value] : (defaults?.[index] ?? String(value));
  target['x-enumNames'] = values.map(label);
}
