import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { IdParams } from '../request-schemas.ts';
import { errorResponse } from '../shared-schemas.ts';

const WINDOW_MS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
type LiveCountsWindow = keyof typeof WINDOW_MS;

const LiveCountsQuery = Type.Object(
  {
    window: Type.Optional(
      Type.Unsafe<LiveCountsWindow>({
        type: 'string',
        enum: Object.keys(WINDOW_MS),
        default: '24h',
        description: 'How far back departures count. Defaults to 24h.',
      }),
    ),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });

const LiveCountsResponse = Type.Object({
  window: Type.Unsafe<LiveCountsWindow>({ type: 'string', enum: Object.keys(WINDOW_MS) }),
  since: Type.String({
    format: 'date-time',
    description:
      'Where the window starts: now minus the window, rounded down to five minutes (departures are summed in five-minute buckets), so the window is up to five minutes longer than asked and exact from there on.',
  }),
  nodes: Type.Record(
    Type.String(),
    Type.Object({
      running: { ...Count, description: 'Runs at this node now, being worked on.' },
      waiting: { ...Count, description: 'Runs at this node now, waiting (for an answer, an agent, a timer).' },
      ports: Type.Record(Type.String(), Count, { description: 'Per port, how many times a run left this node by it since `since`.' }),
    }),
    {
      description: 'By node id, across every published version. A node with nothing at it and no departures in the window is absent. Test runs never count.',
    },
  ),
});

const notFound = errorResponse('No workflow has this id (WORKFLOW_NOT_FOUND).');

/** Live counts for the canvas: where a workflow's runs are now and which ways they went. */
export const workflowLiveCountsRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof LiveCountsQuery> }>(
    '/api/workflows/:id/live-counts',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['workflows'],
        summary: "Count a workflow's runs at each node and leaving by each port",
        description:
          'Runs at each node now (running, waiting), and per port how many runs left each node by it within the window. ' +
          'Cheap enough to ask again whenever `GET /api/runs/stream?workflowId=` says something changed.',
        params: IdParams,
        querystring: LiveCountsQuery,
        response: { 200: { description: 'The counts.', ...LiveCountsResponse }, 404: notFound },
      },
    },
    async (request) => {
      const window = request.query.window ?? '24h';
      const { since, nodes } = await engine.liveCounts(request.params.id, WINDOW_MS[window]);
      return { window, since: since.toISOString(), nodes };
    },
  );
};
