import type { Kysely } from 'kysely';
import type { Issue } from '../errors.ts';
import { SwitchboardError } from '../errors.ts';
import { draftNotUpdated } from '../draft-not-updated.ts';
import type { DB } from '../store/database.ts';
import { findWorkflow, updateWorkflowDraft, type Workflow } from '../store/workflows.ts';
import { assertNotArchived } from '../triggers/assert-not-archived.ts';

/** What a draft must pass to be saved (engine.ts: the document's shape); graph problems come back as issues. */
export type CheckDraft = (definition: unknown) => Promise<{ name: string; description: string | null; issues: readonly Issue[] }>;

/** Tries of a change made without If-Match, each over the draft another save just replaced. */
const ATTEMPTS = 5;

/**
 * Saves `change(current)` as the draft's next revision: a change computed from the draft as
 * it is (a rename, a version put back). With `ifRevision` (If-Match), only over one of those
 * revisions, as a PUT: otherwise WORKFLOW_REVISION_CONFLICT. Without it the change wins over
 * whatever was saved meanwhile, yet never undoes that save: each try writes only over the
 * revision it read, and a save that slipped in between makes it read and change again.
 */
export async function changeDraft(
  db: Kysely<DB>,
  id: string,
  change: (current: Workflow) => unknown,
  options: { readonly checkDraft: CheckDraft; readonly ifRevision?: readonly number[]; readonly by: string | null; readonly now: Date },
): Promise<{ workflow: Workflow; issues: readonly Issue[] }> {
  let read: readonly number[] | undefined = options.ifRevision;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const current = await findWorkflow(db, id);
    if (current === undefined) throw new SwitchboardError('WORKFLOW_NOT_FOUND', `Workflow ${id} does not exist.`);
    assertNotArchived(current, 'edited');
    if (options.ifRevision !== undefined && !options.ifRevision.includes(current.revision)) throw await draftNotUpdated(db, id, options.ifRevision);
    const definition = change(current);
    const draft = await options.checkDraft(definition);
    const workflow = await updateWorkflowDraft(db, id, {
      name: draft.name,
      description: draft.description,
      draft: definition,
      ifRevision: [current.revision],
      by: options.by,
      now: options.now,
    });
    if (workflow !== undefined) return { workflow, issues: draft.issues };
    read = options.ifRevision ?? [current.revision];
    if (options.ifRevision !== undefined) break;
  }
  throw await draftNotUpdated(db, id, read);
}

/** A definition with another name, its keys in the order they were. */
export function withName(definition: unknown, name: string): unknown {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return definition;
  return { ...definition, name };
}
