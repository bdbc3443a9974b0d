import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { isSwitchboardError, SwitchboardError } from '../../errors.ts';
import { errorResponse } from '../shared-schemas.ts';

/** Liveness and readiness for load balancers: no token needed, and "ok" only when Postgres answers. */
export const healthRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },

      schema: {
        tags: ['health'],
        summary: 'Check that the server and its database are up',
        security: [],
        response: {
          200: {
            description: 'The server and Postgres answer.',
            type: 'object',
            required: ['status'],
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
          503: errorResponse('Postgres does not answer.'),
        },
      },
    },
    async () => {
      try {
        await engine.checkDatabase();
      } catch (error) {
        // 503 so a load balancer takes this instance out while Postgres is away, instead of paging as a bug.
        if (isSwitchboardError(error) && error.code === 'DATABASE_UNAVAILABLE') throw error;
        throw new SwitchboardError('DATABASE_UNAVAILABLE', 'The database does not answer.', { cause: error });
      }
      return { status: 'ok' as const };
    },
  );
};
