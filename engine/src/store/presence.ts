import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';
import type { PersonRef } from './workflows.ts';

/** Someone with a workflow open in the editor, and since when (the start of their current stretch of heartbeats). */
export interface Viewer extends PersonRef {
  readonly since: Date;
}

/**
 * Records a heartbeat of `userId` on a workflow at `now` and answers the others seen since
 * `now - windowMs`, in the order they arrived. One statement: the upsert and the read of the
 * others (which the upsert's own row is not, so the read need not see it). A heartbeat after
 * a gap longer than the window starts a new stretch, so `since` says when they came back.
 */
export async function recordHeartbeat(
  db: Kysely<DB>,
  input: { readonly workflowId: string; readonly userId: string; readonly now: Date; readonly windowMs: number },
): Promise<Viewer[]> {
  const after = new Date(input.now.getTime() - input.windowMs);
  const result = await sql<{ id: string; name: string; since: Date }>`
    with heartbeat as (
      insert into workflow_presence (workflow_id, user_id, since, last_seen_at)
      values (${input.workflowId}, ${input.userId}, ${input.now}, ${input.now})
      on conflict (workflow_id, user_id) do update set
        since = case when workflow_presence.last_seen_at < ${after} then excluded.since else workflow_presence.since end,
        last_seen_at = excluded.last_seen_at
    )
    select u.id, u.name, p.since
    from workflow_presence p join users u on u.id = p.user_id
    where p.workflow_id = ${input.workflowId} and p.user_id <> ${input.userId} and p.last_seen_at >= ${after}
    order by p.since, u.id
  `.execute(db);
  return result.rows.map((row) => ({ id: row.id, name: row.name, since: row.since }));
}

/** The person closed the editor: others stop seeing them at once rather than when their last heartbeat ages out. */
export async function deletePresence(db: Kysely<DB>, workflowId: string, userId: string): Promise<void> {
  await db.deleteFrom('workflow_presence').where('workflow_id', '=', workflowId).where('user_id', '=', userId).execute();
}

/** Forgets heartbeats older than `before` (the retention pass); the heartbeat query never shows them anyway. */
export async function deletePresenceBefore(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('workflow_presence').where('last_seen_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
