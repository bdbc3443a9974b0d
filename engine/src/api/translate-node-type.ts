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
  readonly portLabels: Readonly<Record<string, string>>;
}

/** The languages a node is written in, its default language first. */
export function languagesOf(definition: NodeTypeSpec): string[] {
  return [definition.language ?? DEFAULT_NODE_LANGUAGE, ...Object.keys(definition.translations ?? {})];
}

/**
 * A node's texts in `language`: its default text, or one of its translations
 * laid over it. The config schema of a translation is a copy with the
 * translated `title`, `description` and `x-enumNames` in place, so a client
 * renders a form from it the same way in every language. The catalog checked
 * every pointer at registration (check-node-texts.ts).
 */
export function translateNodeType(definition: NodeTypeSpec, language: string): NodeTypeTexts {
  const base = {
    language: definition.language ?? DEFAULT_NODE_LANGUAGE,
    title: definition.title,
    category: definition.category,
    description: definition.description,
    configSchema: definition.configSchema,
    portLabels: definition.portLabels ?? {},
  };
  const translation = definition.translations?.[language];
  if (translation === undefined) return base;
  // JSON, as it is sent: TypeBox's symbol keys are dropped either way.
  const configSchema: unknown = JSON.parse(JSON.stringify(definition.configSchema));
  for (const [pointer, texts] of Object.entries(translation.config ?? {})) {
    const target = readPointer(configSchema, pointer) as Record<string, unknown>;
    if (texts.title !== undefined) target['title'] = texts.title;
    if (texts.description !== undefined) target['description'] = texts.description;
    const { enumNames } = texts;
    if (enumNames !== undefined) {
      const values = target['enum'] as readonly unknown[];
      const defaults = target['x-enumNames'] as readonly string[] | undefined;
      // Own keys only: an enum value "constructor" must not find Object.prototype's.
      const label = (value: unknown, index: number) =>
        typeof value === 'string' && Object.hasOwn(enumNames, value) ? enumNames[value] : (defaults?.[index] ?? String(value));
      target['x-enumNames'] = values.map(label);
    }
  }
  return {
    language,
    title: translation.title,
    category: translation.category ?? definition.category,
    description: translation.description,
    configSchema,
    portLabels: { ...base.portLabels, ...translation.ports },
  };
}
