import definitionSchema from './definition.schema.json' with { type: 'json' };
import type { Issue } from '../errors.ts';
import { ajvIssues } from './ajv-issues.ts';
import { findTooDeep, MAX_JSON_DEPTH } from './json-depth.ts';
import type { WorkflowDefinition } from './definition.ts';
import { createAjv } from './node-catalog.ts';

const validateDocument = createAjv().compile<WorkflowDefinition>(definitionSchema);

export type DocumentCheck = { readonly ok: true; readonly definition: WorkflowDefinition } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Checks the shape of a submitted definition against definition.schema.json.
 * Graph rules (triggers, ports, reachability, loops, node configs) are
 * compileGraph's job; this is what a draft must pass to be saved at all.
 */
export function validateDefinition(document: unknown): DocumentCheck {
  // Before anything recursive touches it (structuredClone overflows its stack at about
  // 1,600 levels): a definition that comes from a file or a plugin, not through the
  // API's parser, gets the same bound.
  const tooDeep = findTooDeep(document, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    const message = `${tooDeep} is nested more than ${MAX_JSON_DEPTH} levels deep; a definition may nest at most ${MAX_JSON_DEPTH} levels of arrays and objects`;
    return { ok: false, issues: [{ path: tooDeep, code: 'DEFINITION_INVALID', message }] };
  }
  // ajv's useDefaults would write into the caller's document; validate a copy.
  const copy = structuredClone(document);
  if (!validateDocument(copy)) return { ok: false, issues: ajvIssues(validateDocument.errors ?? [], '', 'DEFINITION_INVALID') };
  const duplicates = duplicateNoteIds(copy);
  return duplicates.length === 0 ? { ok: true, definition: copy } : { ok: false, issues: duplicates };
}

/**
 * Notes are keyed by id on the canvas (selection, undo), so two with one id would be one note
 * there. Node ids are checked by compile (GRAPH_DUPLICATE_NODE_ID) and never block a save;
 * notes carry nothing the engine runs, so this is a shape rule.
 */
function duplicateNoteIds(definition: WorkflowDefinition): Issue[] {
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  for (const [index, note] of (definition.notes ?? []).entries()) {
    const first = seen.get(note.id);
    if (first === undefined) seen.set(note.id, index);
    else
      issues.push({
        path: `/notes/${index}/id`,
        code: 'DEFINITION_INVALID',
        message: `Note id "${note.id}" is already used by /notes/${first}; each note needs an id of its own.`,
      });
  }
  return issues;
}

export { ajvIssues } from './ajv-issues.ts';
