import { type Static, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { agentOfPerson, callerPerson } from '../agent-of-person.ts';
import type { Inbox } from '../create-inbox.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { AgentSchema, described, errorResponse } from './inbox-response-schemas.ts';
import { AgentStatusSchema } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';

const OwnStatusPatch = Type.Object({ status: AgentStatusSchema }, { additionalProperties: false });

const noProfile = errorResponse(
  'The person has no agent profile (INBOX_AGENT_PROFILE_NOT_FOUND): only someone with the agent role gets one by opening the inbox; an admin makes one for anyone else.',
);
const machineToken = errorResponse('A machine token belongs to no one, so it has no agent profile (NOT_A_PERSON).');
const firstUse =
  'A profile with the same email that belongs to no one yet becomes theirs on this first use; a person with the agent role who has none gets one (offline, capacity 10).';

/** The signed-in person's own agent profile (README "Agents are people"). */
export const meRoutes: FastifyPluginAsync<{ rt: InboxRuntime; inbox: Inbox }> = async (app, { rt, inbox }) => {
  const transaction = routeTransaction(rt);

  app.get(
    '/api/inbox/me',
    {
      config: { access: 'inbox:read' },
      schema: {
        tags: ['inbox'],
        summary: "The signed-in person's agent profile",
        description: firstUse,
        response: { 200: AgentSchema, 404: noProfile, 409: machineToken },
      },
    },
    async (request) => {
      const person = await callerPerson(rt, request.principal);
      return transaction((db) => agentOfPerson(rt, db, person));
    },
  );

  // Roles that answer conversations only: coming online makes one assignable, and an editor or
  // viewer given a profile could be assigned conversations they may not answer.
  // Capacity and teams stay the admin's (PATCH /api/inbox/agents/:id, inbox:manage).
  app.patch<{ Body: Static<typeof OwnStatusPatch> }>(
    '/api/inbox/me',
    {
      config: { access: 'inbox:write' },
      schema: {
        tags: ['inbox'],
        summary: 'Set your own status (online, away, offline)',
        description: `Coming online assigns queued conversations to you as soon as the change commits, as PATCH /api/inbox/agents/:id does. ${firstUse}`,
        body: OwnStatusPatch,
        response: { 200: described('Your agent profile as updated.', AgentSchema), 404: noProfile, 409: machineToken },
      },
    },
    async (request) => {
      const person = await callerPerson(rt, request.principal);
      return transaction(async (db) => {
        const own = await agentOfPerson(rt, db, person);
        return inbox.updateAgent(db, own.id, { status: request.body.status });
      });
    },
  );
};
