import type { ErrorSchema } from '@rjsf/utils';
import { type JsonSchema, pointerSegments, schemaAt } from './json-schema.ts';
import type { FieldProblem } from './validate-config.ts';
import { isHiddenAt } from './x-when.ts';

export interface PlacedProblems {
  /** The problems by field, in the shape RJSF shows on its fields (`{ capacity: { __errors: [...] } }`). */
  readonly errorSchema: ErrorSchema;
  /** Problems no shown field can carry: about the whole config, a field the schema lacks, or one hidden now. */
  readonly unplaced: readonly FieldProblem[];
}

/**
 * Puts each problem on the field its JSON Pointer names. A pointer deeper than a field the form
 * draws as one control (a row of the opening hours) stays deep: that control reads its part.
 */
export function placeProblems(problems: readonly FieldProblem[], schema: JsonSchema, value: unknown): PlacedProblems {
  const errorSchema: Record<string, unknown> = {};
  const unplaced: FieldProblem[] = [];
  for (const problem of problems) {
    if (problem.field === '' || schemaAt(schema, problem.field) === undefined || isHiddenAt(schema, value, problem.field)) {
      unplaced.push(problem);
      continue;
    }
    let node = errorSchema;
    for (const segment of pointerSegments(problem.field)) {
      let next = node[segment];
      if (typeof next !== 'object' || next === null) {
        next = {};
        node[segment] = next;
      }
      node = next as Record<string, unknown>;
    }
    const errors = (node['__errors'] as string[] | undefined) ?? [];
    if (!errors.includes(problem.message)) node['__errors'] = [...errors, problem.message];
  }
  return { errorSchema: errorSchema as ErrorSchema, unplaced };
}

/**
 * The form's own checks and the problems it was given (the server's issues, the editor's graph
 * checks), each said once. The form checks as the person types, with the same schema the server
 * uses: where it has a problem on a field, a schema problem the server reported there
 * (CONFIG_INVALID, from the last save) is the same one, said in the server's words.
 */
export function mergeProblems(own: readonly FieldProblem[], given: readonly FieldProblem[]): FieldProblem[] {
  const ownFields = new Set(own.map((problem) => problem.field));
  const merged = [...own];
  for (const problem of given) {
    if (problem.code === 'CONFIG_INVALID' && ownFields.has(problem.field)) continue;
    if (merged.some((other) => other.field === problem.field && other.message === problem.message)) continue;
    merged.push(problem);
  }
  return merged;
}

/** The errors RJSF holds for one place of the value (`/schedule/2/close`), if any. */
export function errorsAt(errorSchema: ErrorSchema | undefined, pointer: string): readonly string[] {
  let node: unknown = errorSchema;
  for (const segment of pointerSegments(pointer)) {
    if (typeof node !== 'object' || node === null) return [];
    node = (node as Record<string, unknown>)[segment];
  }
  const errors = typeof node === 'object' && node !== null ? (node as { __errors?: unknown }).__errors : undefined;
  return Array.isArray(errors) ? errors.filter((error): error is string => typeof error === 'string') : [];
}
