import { isUuid } from '@switchboard/engine';
import { type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { findAgent, listAgents } from '../../store/inbox/agents.ts';
import { ownerOfEmail } from '../agent-of-person.ts';
import type { Inbox } from '../create-inbox.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { AgentStatusSchema, IdParams, Name, Uuid } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';
import { AgentSchema, described, errorResponse, listOf } from './inbox-response-schemas.ts';

const AgentBody = Type.Object(
  {
    name: Name,
    email: Type.String({ format: 'email', maxLength: 320 }),
    status: Type.Optional(AgentStatusSchema),
    capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'Most open conversations held at once. Defaults to 10.' })),
    teamIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true })),
  },
  { additionalProperties: false },
);
const AgentPatch = Type.Partial(AgentBody, { additionalProperties: false, minProperties: 1 });
const AgentQuery = Type.Object({ teamId: Type.Optional(Uuid), status: Type.Optional(AgentStatusSchema) }, { additionalProperties: false });

/** Agents: create, update (status, capacity, teams), list with their open load. */
export const agentRoutes: FastifyPluginAsync<{ rt: InboxRuntime; inbox: Inbox }> = async (app, { rt, inbox }) => {
  const transaction = routeTransaction(rt);

  app.get<{ Querystring: Static<typeof AgentQuery> }>(
    '/api/inbox/agents',
    {
      config: { access: 'inbox:read' },
      schema: {
        tags: ['inbox'],
        summary: 'List agents with their open load (openCount of capacity)',
        querystring: AgentQuery,
        response: { 200: listOf('agents', AgentSchema) },
      },
    },
    async (request) => ({ agents: await transaction((db) => listAgents(inboxTables(db), request.query)) }),
  );

  app.post<{ Body: Static<typeof AgentBody> }>(
    '/api/inbox/agents',
    {
      config: { access: 'inbox:manage' },
      schema: {
        tags: ['inbox'],
        summary: 'Create an agent',
        description:
          'The profile belongs to the person with the same email (compared without case), if there is one; otherwise to the first person with this email who opens the inbox.',
        body: AgentBody,
        response: { 201: described('The agent.', AgentSchema), 409: errorResponse('Another agent has this email (INBOX_EMAIL_TAKEN).') },
      },
    },
    async (request, reply) => {
      // The person is looked up before the transaction opens (see agentOfPerson).
      const userId = await ownerOfEmail(rt, request.body.email);
      const agent = await transaction((db) => inbox.createAgent(db, { ...request.body, userId }));
      void reply.status(201);
      return agent;
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/inbox/agents/:id',
    {
      config: { access: 'inbox:read' },
      schema: {
        tags: ['inbox'],
        summary: 'Get an agent',
        params: IdParams,
        response: { 200: AgentSchema, 404: errorResponse('No agent has this id (INBOX_AGENT_NOT_FOUND).') },
      },
    },
    async (request) => {
      const { id } = request.params;
      const agent = isUuid(id) ? await transaction((db) => findAgent(inboxTables(db), id)) : undefined;
      if (agent === undefined) throw new SwitchboardError('INBOX_AGENT_NOT_FOUND', `Agent ${id} does not exist.`);
      return agent;
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof AgentPatch> }>(
    '/api/inbox/agents/:id',
    {
      config: { access: 'inbox:manage' },
      schema: {
        tags: ['inbox'],
        summary: 'Update an agent',
        description: 'Coming online, a bigger capacity or a new team assigns queued conversations to the agent as soon as the change commits.',
        params: IdParams,
        body: AgentPatch,
        response: { 200: described('The agent as updated.', AgentSchema), 404: errorResponse('No agent has this id (INBOX_AGENT_NOT_FOUND).') },
      },
    },
    async (request) => transaction((db) => inbox.updateAgent(db, request.params.id, request.body)),
  );
};
