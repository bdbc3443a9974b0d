import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * The savepoints around the steps of one segment (one transaction): a node that fails is rolled
 * back alone, while the steps before it in the same transaction stay (promise 1).
 *
 * A step's savepoint is not released when the step ends: the next step's `savepoint` releases it
 * in the same round trip (a text of two commands, without parameters), and the commit releases
 * the last one. A step costs one round trip for its savepoint instead of two, and a segment never
 * nests more than one.
 */
/**
 * The savepoint around a run's first segment taken in the transaction that started it
 * (advanceInStartingTransaction): a segment that throws is undone alone, and the run goes to its
 * job as if it had not been tried. Like a step's, it is released by the next one's, in the same
 * round trip (`afterAnother`: the previous run of the same event took its segment), or by the
 * commit, so an event that starts many runs keeps one such savepoint open, not one per run.
 */
export async function beginFirstSegment(db: Kysely<DB>, options: { readonly afterAnother: boolean }): Promise<void> {
  await (options.afterAnother ? sql`release savepoint first_segment; savepoint first_segment` : sql`savepoint first_segment`).execute(db);
}

export async function undoFirstSegment(db: Kysely<DB>): Promise<void> {
  await sql`rollback to savepoint first_segment`.execute(db);
}

export class StepSavepoints {
  private open = false;

  async begin(db: Kysely<DB>): Promise<void> {
    await (this.open ? sql`release savepoint step; savepoint step` : sql`savepoint step`).execute(db);
    this.open = true;
  }

  /** After the step: undoes its writes when it failed; the savepoint stays until the next step or the commit. */
  async end(db: Kysely<DB>, options: { readonly rollBack: boolean }): Promise<void> {
    if (options.rollBack) await sql`rollback to savepoint step`.execute(db);
  }
}
