import type { Explanation, ExplanationParams, ExplanationRow } from '../sdk.ts';
import { SwitchboardError } from '../errors.ts';
import { explanationParamsOf } from '../graph/explanation-text.ts';

/** Rows one explanation may hold: a table a person reads, and a bounded row in `steps`. */
export const MAX_EXPLANATION_ROWS = 50;
const OUTCOMES: ReadonlySet<string> = new Set(['chosen', 'passed', 'info']);

/**
 * What `ctx.explain` was given, checked against the node's `explanations` and copied as the
 * step records it. A malformed record is the node's bug: it fails the step with STEP_FAILED
 * naming what is wrong, rather than recording a reason nobody can read.
 */
export function checkExplanation(
  explanation: Explanation,
  node: { readonly id: string; readonly type: string },
  texts: Readonly<Record<string, string>> | undefined,
): Explanation {
  const fail = (message: string): never => {
    throw new SwitchboardError('STEP_FAILED', `Node "${node.id}" (${node.type}) explained itself wrongly: ${message}`);
  };
  if (explanation === null || typeof explanation !== 'object') return fail('ctx.explain takes { code, params?, rows? }.');
  const rows = explanation.rows ?? [];
  if (!Array.isArray(rows)) return fail('rows must be an array.');
  if (rows.length > MAX_EXPLANATION_ROWS) fail(`${rows.length} rows; at most ${MAX_EXPLANATION_ROWS}. Sum up the rest in one info row.`);
  const checked = (code: unknown, params: unknown, at: string): ExplanationParams => {
    if (typeof code !== 'string' || texts === undefined || !Object.hasOwn(texts, code)) {
      return fail(`${at} has code ${JSON.stringify(code)}, which is not one of the node's explanations (${Object.keys(texts ?? {}).join(', ') || 'none'}).`);
    }
    const values = (params ?? {}) as Record<string, unknown>;
    if (typeof values !== 'object' || Array.isArray(values)) return fail(`${at}.params must be an object.`);
    for (const [name, value] of Object.entries(values)) {
      const isValue =
        value === null || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
      if (!isValue) fail(`${at}.params.${name} must be a string, number, boolean, null or a list of strings.`);
    }
    const needed = explanationParamsOf(texts[code] as string);
    const missing = 'names' in needed ? [...needed.names].find((name) => !Object.hasOwn(values, name)) : undefined;
    if (missing !== undefined) fail(`${at} (code "${code}") lacks the param "${missing}" its text inserts.`);
    return values as ExplanationParams;
  };
  const params = checked(explanation.code, explanation.params, 'the explanation');
  const checkedRows = rows.map((row: ExplanationRow, index): ExplanationRow => {
    const at = `rows[${index}]`;
    if (row === null || typeof row !== 'object') return fail(`${at} must be { name, outcome, code, params? }.`);
    if (typeof row.name !== 'string') fail(`${at}.name must be a string.`);
    if (!OUTCOMES.has(row.outcome)) fail(`${at}.outcome must be chosen, passed or info.`);
    return { name: row.name, outcome: row.outcome, code: row.code, params: checked(row.code, row.params, at) };
  });
  return { code: explanation.code, params, rows: checkedRows };
}
