import type { ErrorObject } from 'ajv';
import definitionSchema from './definition.schema.json' with { type: 'json' };
import type { Issue } from '../errors.ts';
import type { WorkflowDefinition } from './definition.ts';
import { createAjv } from './node-catalog.ts';
import { escapePointerSegment } from './json-pointer.ts';

const validateDocument = createAjv().compile<WorkflowDefinition>(definitionSchema);

export type DocumentCheck =
  | { readonly ok: true; readonly definition: WorkflowDefinition }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Checks the shape of a submitted definition against definition.schema.json.
 * Graph rules (triggers, ports, reachability, loops, node configs) are
 * compileGraph's job; this is what a draft must pass to be saved at all.
 */
export function validateDefinition(document: unknown): DocumentCheck {
  // ajv's useDefaults would write into the caller's document; validate a copy.
  const copy = structuredClone(document);
  if (validateDocument(copy)) return { ok: true, definition: copy };
  return { ok: false, issues: ajvIssues(validateDocument.errors ?? [], '', 'DEFINITION_INVALID') };
}

/**
 * Turns ajv errors into located issues. ajv's `instancePath` is relative to the
 * validated value, so `prefix` (e.g. `/nodes/2/config`) makes it a pointer into
 * the submitted document; a missing or unexpected property is pointed at itself.
 */
export function ajvIssues(errors: readonly ErrorObject[], prefix: string, code: Issue['code']): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // An `if`/`anyOf` wrapper error only repeats what its branches said.
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    let path = prefix + error.instancePath;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const property = String((error.params as { missingProperty: string }).missingProperty);
      path = `${path}/${escapePointerSegment(property)}`;
      message = `"${property}" is required`;
    } else if (error.keyword === 'additionalProperties') {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      path = `${path}/${escapePointerSegment(property)}`;
      message = `"${property}" is not an allowed property here; remove it or check its spelling`;
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      message = `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
    } else if (error.keyword === 'const') {
      message = `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, code, message: `${path || '(document)'} ${message}` });
  }
  return issues;
}
