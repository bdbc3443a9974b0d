import type { ScopeRootDescription } from '@switchboard/sdk';
import { SwitchboardError } from '../errors.ts';
import { checkLanguageTag, checkSchemaTexts, DEFAULT_NODE_LANGUAGE } from './check-node-texts.ts';
import { createAjv } from './node-catalog.ts';

/** Where a described root comes from, for messages: `context provider "inbox"`, `the engine`. */
export interface ScopeRootSource {
  readonly source: string;
  /** The roots the source says it provides; a description must be of one of them. Undefined: any. */
  readonly provides?: readonly string[];
  readonly roots: readonly ScopeRootDescription[];
}

/**
 * Checks the descriptions of the scope roots (the SDK's `ScopeRootDescription`) when the
 * engine is created: each root is described once, by a source that provides it, with a
 * schema that compiles, examples it describes, and translations that name places the schema
 * has. A mistake stops the start with PLUGIN_INVALID naming the source and the root.
 */
export function checkScopeRoots(sources: readonly ScopeRootSource[]): void {
  const ajv = createAjv();
  const seen = new Map<string, string>();
  for (const { source, provides, roots } of sources) {
    for (const root of roots) {
      const where = `${source}: root ${JSON.stringify(root?.name)}`;
      const fail: (message: string) => never = (message) => {
        throw new SwitchboardError('PLUGIN_INVALID', `${where}: ${message}`);
      };
      if (typeof root?.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(root.name)) fail('the name must be a template name, e.g. "contact".');
      const earlier = seen.get(root.name);
      if (earlier !== undefined) fail(`it is described twice: by ${earlier} and by ${source}.`);
      seen.set(root.name, source);
      if (provides !== undefined && !provides.includes(root.name)) {
        fail(`it is not one of the roots the provider says it provides (${provides.map((name) => `"${name}"`).join(', ')}); add it to "provides".`);
      }
      for (const field of ['title', 'description'] as const)
        if (typeof root[field] !== 'string' || root[field] === '') fail(`"${field}" must be a non-empty string.`);
      let validate: ReturnType<typeof ajv.compile>;
      try {
        validate = ajv.compile(root.schema as object);
      } catch (error) {
        fail(`its schema does not compile: ${(error as Error).message}`);
      }
      const { examples = [] } = root.schema as { examples?: readonly unknown[] };
      for (const [index, example] of examples.entries()) {
        if (!validate(structuredClone(example))) fail(`example ${index} does not match its schema: ${ajv.errorsText(validate.errors)}.`);
      }
      const language = root.language ?? DEFAULT_NODE_LANGUAGE;
      checkLanguageTag(language, '"language"', fail);
      for (const [tag, translation] of Object.entries(root.translations ?? {})) {
        const at = `translations[${JSON.stringify(tag)}]`;
        checkLanguageTag(tag, at, fail);
        if (tag === language) fail(`${at} repeats the default language "${language}".`);
        for (const field of ['title', 'description'] as const) {
          if (typeof translation[field] !== 'string' || translation[field] === '') fail(`${at}.${field} must be a non-empty string.`);
        }
        if (translation.schema !== undefined) checkSchemaTexts(translation.schema, `${at}.schema`, root.schema, 'schema', fail);
      }
    }
  }
}
