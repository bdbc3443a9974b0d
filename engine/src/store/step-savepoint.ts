import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * A savepoint taken again and again in one transaction, of which only the latest is ever rolled
 * back to: `step`, before each step of a segment (a node that fails is rolled back alone, while
 * the steps before it in the same transaction stay, promise 1), and `first_segment`, before each
 * first segment an event's runs take in the transaction that started them
 * (takeFirstSegments: a segment that throws is undone alone, and its run goes to its
 * job as if it had not been tried).
 *
 * It is not released when its work ends: the next `begin` releases it in the same round trip (a
 * text of two commands, without parameters), and the commit releases the last one. One round
 * trip per `begin` instead of two, and at most one of a name open per segment: a job's segment
 * whose step started a run of its subject leaves its last `step` open under the first segment
 * that follows it (advance-run.ts, takeFirstSegments), whose own `step` savepoints then shadow
 * it, as Postgres resolves a name to the latest savepoint of that name.
 */
export class ChainedSavepoint {
  private open = false;
  private readonly name: 'step' | 'first_segment';

  constructor(name: 'step' | 'first_segment') {
    this.name = name;
  }

  async begin(db: Kysely<DB>): Promise<void> {
    await sql.raw(this.open ? `release savepoint ${this.name}; savepoint ${this.name}` : `savepoint ${this.name}`).execute(db);
    this.open = true;
  }

  /** Undoes what was done since the latest `begin`; the savepoint stays, until the next `begin` or the commit. */
  async rollBack(db: Kysely<DB>): Promise<void> {
    await sql.raw(`rollback to savepoint ${this.name}`).execute(db);
  }
}
