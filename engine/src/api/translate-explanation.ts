import type { Explanation, ExplanationOutcome } from '@switchboard/sdk';
import { renderExplanationText } from '../graph/explanation-text.ts';
import type { NodeTypeSpec } from '../graph/node-catalog.ts';
import { pickLanguage } from './accept-language.ts';
import { languagesOf } from './translate-node-type.ts';

/** An explanation as a person reads it: the API's `Step.explanation`. */
export interface ExplanationText {
  readonly code: string;
  /** The summary, in the language asked for when the node has it, else in the node's default language. */
  readonly text: string;
  readonly rows: readonly { readonly name: string; readonly outcome: ExplanationOutcome; readonly reason: string }[];
}

/**
 * A recorded explanation in the best of the node's languages for `preferences` (language
 * ranges, most preferred first): each code's text from that translation, else the default
 * text. A node type no longer installed has no texts: its codes stand in for them.
 */
export function translateExplanation(definition: NodeTypeSpec | undefined, explanation: Explanation, preferences: readonly string[]): ExplanationText {
  const available = definition === undefined ? ['en'] : languagesOf(definition);
  const language = pickLanguage(preferences, available) ?? available[0] ?? 'en';
  const translated = definition?.translations?.[language]?.explanations ?? {};
  const defaults = definition?.explanations ?? {};
  const textOf = (code: string, params: Readonly<Record<string, unknown>> | undefined) => {
    const text = Object.hasOwn(translated, code) ? translated[code] : Object.hasOwn(defaults, code) ? defaults[code] : undefined;
    return text === undefined ? code : renderExplanationText(text, params ?? {}, language);
  };
  return {
    code: explanation.code,
    text: textOf(explanation.code, explanation.params),
    rows: (explanation.rows ?? []).map((row) => ({ name: row.name, outcome: row.outcome, reason: textOf(row.code, row.params) })),
  };
}
