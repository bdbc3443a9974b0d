import type { ConfigFieldTranslation } from '@switchboard/sdk';

/** A translation's config texts, keyed by JSON Pointer into a schema (`NodeTranslation.config`). */
export type ConfigTexts = Readonly<Record<string, ConfigFieldTranslation>>;

/**
 * The texts of a shared sub-schema (a condition, a match mode) moved under the
 * place a node's schema holds it, so one translation serves every node that
 * uses the sub-schema.
 *
 * @example textsUnder('/properties/rules/items', conditionTextsEs) // { '/properties/rules/items/properties/path': ... }
 */
export function textsUnder(prefix: string, texts: ConfigTexts): ConfigTexts {
  return Object.fromEntries(Object.entries(texts).map(([pointer, text]) => [`${prefix}${pointer}`, text]));
}
