import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type Engine, PRESENCE_WINDOW_MS } from '../../engine.ts';
import { requirePersonOf } from '../person-of.ts';
import { IdParams } from '../request-schemas.ts';
import { errorResponse, ref } from '../shared-schemas.ts';

type IdRoute = { Params: Static<typeof IdParams> };

const PresenceResponse = Type.Object({
  viewers: Type.Array(Type.Unsafe(ref('Viewer')), {
    description: `The others (never the caller) whose editor sent a heartbeat in the last ${PRESENCE_WINDOW_MS / 1000} s, in the order they opened the workflow.`,
  }),
});

const notFound = errorResponse('No workflow has this id (WORKFLOW_NOT_FOUND).');
const notAPerson = errorResponse('A machine token belongs to no one, so it cannot be seen in an editor (NOT_A_PERSON).');

/** Who else has a workflow open in the editor. Heartbeats live in Postgres, so every api process sees them all. */
export const workflowPresenceRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.post<IdRoute>(
    '/api/workflows/:id/presence',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: 'Say you have a workflow open, and see who else has',
        description:
          `The editor's heartbeat: send it when the workflow opens and every 15 s while it stays open. ` +
          `Answers the others seen in the last ${PRESENCE_WINDOW_MS / 1000} s; someone whose heartbeats stop drops out of it by then. No body.`,
        params: IdParams,
        response: { 200: { description: 'The others with the workflow open.', ...PresenceResponse }, 404: notFound, 409: notAPerson },
      },
    },
    async (request) => {
      const userId = requirePersonOf(request, 'it cannot be seen in an editor');
      return { viewers: await engine.recordPresence(request.params.id, userId) };
    },
  );

  app.delete<IdRoute>(
    '/api/workflows/:id/presence',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: 'Say you closed a workflow',
        description: 'Others stop seeing you at once, rather than when your last heartbeat is 30 s old. Saying it twice changes nothing.',
        params: IdParams,
        response: { 204: { description: 'Done.', type: 'null' }, 404: notFound, 409: notAPerson },
      },
    },
    async (request, reply) => {
      const userId = requirePersonOf(request, 'it cannot be seen in an editor');
      await engine.forgetPresence(request.params.id, userId);
      return reply.status(204).send();
    },
  );
};
