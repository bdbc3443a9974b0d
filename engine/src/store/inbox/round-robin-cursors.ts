import type { InboxDatabase } from './database.ts';

/**
 * Reads an assignment scope's cursor (the agent who got the scope's last
 * conversation), locking it until the caller commits. Concurrent picks in one
 * scope (a team, the workspace) queue here: two round-robin picks can't both
 * take "the agent after the last one", and two least-open picks can't both see
 * the same agent as least loaded; picks in other scopes are not held up. The
 * upsert creates the row on first use and locks it either way.
 */
export async function lockRoundRobinCursor(db: InboxDatabase, scope: string, now: Date): Promise<string | null> {
  const row = await db
    .insertInto('round_robin_cursors')
    .values({ scope, last_agent_id: null, updated_at: now })
    .onConflict((oc) => oc.column('scope').doUpdateSet((eb) => ({ scope: eb.ref('excluded.scope') })))
    .returning('last_agent_id')
    .executeTakeFirstOrThrow();
  return row.last_agent_id;
}

export async function advanceRoundRobinCursor(db: InboxDatabase, scope: string, agentId: string, now: Date): Promise<void> {
  await db.updateTable('round_robin_cursors').set({ last_agent_id: agentId, updated_at: now }).where('scope', '=', scope).execute();
}
