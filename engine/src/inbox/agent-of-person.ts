import type { Principal, User } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { type Agent, findAgentOfUser, insertAgent, linkAgentToUser } from '../store/inbox/agents.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { DEFAULT_CAPACITY } from './manage-agents.ts';

/**
 * Who a new profile with this email belongs to: the person with the same email, if any. Asked
 * before the request's transaction, for the reason `agentOfPerson` gives.
 */
export async function ownerOfEmail(rt: InboxRuntime, email: string): Promise<string | null> {
  return (await rt.engine().people.findUserByEmail(email))?.id ?? null;
}

/** The person calling a route: who signed in, or whose API token it is. A machine token is no one. */
export async function callerPerson(rt: InboxRuntime, principal: Principal | undefined): Promise<User> {
  if (principal === undefined) throw new SwitchboardError('AUTH_REQUIRED', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  if (principal.via === 'session') return principal.user;
  if (principal.userId === null) {
    throw new SwitchboardError(
      'NOT_A_PERSON',
      'This is a machine token, which belongs to no one, so it has no agent profile; sign in as a person, or use a token of theirs.',
    );
  }
  return rt.engine().people.getUser(principal.userId);
}

/**
 * A person's own agent profile (README "Agents are people"), in the request's transaction:
 * 1. the profile linked to the person;
 * 2. else the profile with their email that belongs to no one yet, which is linked to them now
 *    (profiles made before people existed, or before this person was invited: "link on first
 *    sign-in");
 * 3. else, for a person whose role is agent, a new profile (their name and email, offline,
 *    capacity 10), as Chatwoot makes one when an agent is invited.
 * Anyone else (an admin, editor or viewer without a profile) gets INBOX_AGENT_PROFILE_NOT_FOUND.
 * The person is found before the transaction (`callerPerson`), so a request never holds one
 * pooled connection while it waits for another.
 */
export async function agentOfPerson(rt: InboxRuntime, db: NodeDatabase, person: User): Promise<Agent> {
  const tables = inboxTables(db);
  const own = (await findAgentOfUser(tables, person.id)) ?? (await linkAgentToUser(tables, person, rt.clock()));
  if (own !== undefined) return own;
  if (person.role !== 'agent') {
    throw new SwitchboardError(
      'INBOX_AGENT_PROFILE_NOT_FOUND',
      `${person.name} (${person.email}) has no agent profile. An admin can make one with POST /api/inbox/agents and this email; it is theirs at once.`,
    );
  }
  const created = await insertAgent(tables, {
    name: person.name,
    email: person.email,
    userId: person.id,
    status: 'offline',
    capacity: DEFAULT_CAPACITY,
    now: rt.clock(),
  });
  if (typeof created !== 'string') return created;
  // A concurrent first request of the same person made it first (the insert waited for it and
  // then did nothing): it is theirs. A profile with their email that belongs to someone else is not.
  const madeConcurrently = await findAgentOfUser(tables, person.id);
  if (madeConcurrently !== undefined) return madeConcurrently;
  throw new SwitchboardError(
    'INBOX_EMAIL_TAKEN',
    `The agent profile with the email "${person.email}" belongs to another person. An admin can change that profile's email, or make one for ${person.name} with POST /api/inbox/agents.`,
  );
}
