import { isUuid } from '@switchboard/engine';
import { type Static, SwitchboardError, Type } from '@switchboard/engine/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { findTeam, listTeams } from '../../store/inbox/teams.ts';
import type { Inbox } from '../create-inbox.ts';
import { inboxTables } from '../inbox-tables.ts';
import type { InboxRuntime } from '../inbox-runtime.ts';
import { IdParams, Name, Uuid } from './inbox-schemas.ts';
import { routeTransaction } from './route-transaction.ts';
import { described, errorResponse, listOf, TeamSchema } from './inbox-response-schemas.ts';

const TeamBody = Type.Object({ name: Name, agentIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000, uniqueItems: true })) }, { additionalProperties: false });
const TeamPatch = Type.Partial(TeamBody, { additionalProperties: false, minProperties: 1 });

/** Teams: create, update (name, members), list with their open load. */
export const teamRoutes: FastifyPluginAsync<{ rt: InboxRuntime; inbox: Inbox }> = async (app, { rt, inbox }) => {
  const transaction = routeTransaction(rt);

  app.get(
    '/api/inbox/teams',
    {
      config: { access: 'inbox:read' },
      schema: { tags: ['inbox'], summary: 'List teams with members and open load', response: { 200: listOf('teams', TeamSchema) } },
    },
    async () => ({
      teams: await transaction((db) => listTeams(inboxTables(db))),
    }),
  );

  app.post<{ Body: Static<typeof TeamBody> }>(
    '/api/inbox/teams',
    {
      config: { access: 'inbox:manage' },
      schema: {
        tags: ['inbox'],
        summary: 'Create a team',
        body: TeamBody,
        response: { 201: described('The team.', TeamSchema), 409: errorResponse('Another team has this name (INBOX_TEAM_NAME_TAKEN).') },
      },
    },
    async (request, reply) => {
      const team = await transaction((db) => inbox.createTeam(db, request.body));
      void reply.status(201);
      return team;
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/inbox/teams/:id',
    {
      config: { access: 'inbox:read' },
      schema: {
        tags: ['inbox'],
        summary: 'Get a team',
        params: IdParams,
        response: { 200: TeamSchema, 404: errorResponse('No team has this id (INBOX_TEAM_NOT_FOUND).') },
      },
    },
    async (request) => {
      const { id } = request.params;
      const team = isUuid(id) ? await transaction((db) => findTeam(inboxTables(db), id)) : undefined;
      if (team === undefined) throw new SwitchboardError('INBOX_TEAM_NOT_FOUND', `Team ${id} does not exist.`);
      return team;
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof TeamPatch> }>(
    '/api/inbox/teams/:id',
    {
      config: { access: 'inbox:manage' },
      schema: {
        tags: ['inbox'],
        summary: 'Rename a team or replace its members',
        params: IdParams,
        body: TeamPatch,
        response: { 200: described('The team as updated.', TeamSchema), 404: errorResponse('No team has this id (INBOX_TEAM_NOT_FOUND).') },
      },
    },
    async (request) => transaction((db) => inbox.updateTeam(db, request.params.id, request.body)),
  );
};
