/**
 * Where concurrent picks in one assignment scope (a team, the whole workspace) meet.
 *
 * Round robin takes turns from a sequence per scope. `nextval` never waits for another
 * transaction and is never rolled back, so picks that arrive at once take consecutive turns
 * without queueing on anything, and each turn names its own candidate: the claim that follows
 * waits only on that agent's row. (A cursor row, "the agent who got the last one", would be
 * locked by each pick until its transaction commits, and a whole team's picks would take turns
 * at that row instead: docs/ARCHITECTURE.md "Assignment".) A turn taken by a transaction that
 * then rolls back is skipped, which moves the rotation on by one agent and loses nothing.
 *
 * Least open needs the loads the picks before it leave, so its picks in one scope still queue,
 * on an advisory lock held until the picking transaction ends.
 */
import { sql } from 'kysely';
import type { InboxDatabase } from './database.ts';

/** `workspace`, or `team:<id>`. */
export type AssignmentScope = 'workspace' | `team:${string}`;

/** The scope's turn sequence (made by migration 0005 for the workspace and the teams then, by createTeamTurns for later teams). */
function turnSequence(scope: AssignmentScope): string {
  return scope === 'workspace' ? 'round_robin_turns_workspace' : `round_robin_turns_team_${scope.slice('team:'.length).replaceAll('-', '')}`;
}

/** The scope's next turn, from 0: the caller picks the candidate at `turn mod candidates`. */
export async function takeRoundRobinTurn(db: InboxDatabase, scope: AssignmentScope): Promise<bigint> {
  const { rows } = await sql<{ turn: string }>`select nextval(${turnSequence(scope)}::regclass) - 1 as turn`.execute(db);
  return BigInt(rows[0]?.turn ?? 0);
}

/** Makes a new team's turn sequence, in the transaction that inserts the team. */
export async function createTeamTurns(db: InboxDatabase, teamId: string): Promise<void> {
  await sql`create sequence ${sql.id(turnSequence(`team:${teamId}`))}`.execute(db);
}

/** Queues this transaction's least-open pick behind the others in its scope until it commits or rolls back. */
export async function lockAssignmentScope(db: InboxDatabase, scope: AssignmentScope): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`assignment-scope:${scope}`}, 0))`.execute(db);
}
