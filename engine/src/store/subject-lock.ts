import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * Promise 3: work for one subject is serialized. Every transaction that
 * advances a run, starts runs for an event, or resumes a wait takes this lock
 * on the run's subject first, so two of them for one conversation never
 * interleave their effects, in one process or across many.
 */
export async function lockSubject(db: Kysely<DB>, subject: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`subject:${subject}`}))`.execute(db);
}
