import { randomUUID } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import type { RunChange } from '../../store/run-changes.ts';

const RunStreamQuery = Type.Object(
  {
    workflowId: Type.Optional(Type.String({ format: 'uuid', description: "Only this workflow's runs." })),
    runId: Type.Optional(Type.String({ format: 'uuid', description: 'Only this run.' })),
  },
  { additionalProperties: false },
);

/** Comments an idle stream sends so proxies and browsers keep it open. */
export const RUN_STREAM_HEARTBEAT_MS = 15_000;

/**
 * GET /api/runs/stream: Server-Sent Events of run changes (docs/ARCHITECTURE.md "Run changes
 * live"). Each client gets `ready` when its stream is up, and again whenever the process's
 * LISTEN connection came back after losing Postgres: notifications are not kept, so the client
 * re-reads what it shows. A reconnect with Last-Event-ID gets the same `ready`, for the same
 * reason: ids name events of one process's life, never something to replay from.
 */
export const runStreamRoutes: FastifyPluginAsync<{ engine: Engine; heartbeatMs?: number }> = async (app, { engine, heartbeatMs = RUN_STREAM_HEARTBEAT_MS }) => {
  // Every event's id: this process's life, then a counter. Unique across processes and restarts.
  const life = randomUUID().slice(0, 8);
  let counter = 0;
  const nextId = () => {
    counter += 1;
    return `${life}-${counter}`;
  };
  const open = new Set<() => void>();
  // Before the server waits for its connections to close: an open stream never would.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get<{ Querystring: Static<typeof RunStreamQuery> }>(
    '/api/runs/stream',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['runs'],
        summary: 'Follow run changes live (Server-Sent Events)',
        description:
          'An `text/event-stream` that stays open. `event: ready` comes first, and again after the server lost changes (its database connection came back): re-fetch what you show. ' +
          '`event: run` with `data: {"runId","workflowId","status"}` comes whenever a run starts, records steps, waits, resumes, is retried or finishes, in any process on the database. ' +
          'Every event has an `id`; reconnecting with `Last-Event-ID` is answered with `ready`. A comment (`: heartbeat`) comes every 15 s. EventSource sends the session cookie on its own.',
        querystring: RunStreamQuery,
        response: {
          200: {
            description: 'The event stream.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const { workflowId, runId } = request.query;
      const wanted = (change: RunChange) => (workflowId === undefined || change.workflowId === workflowId) && (runId === undefined || change.runId === runId);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // A buffering proxy (nginx) would hold events back until its buffer fills.
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      // How long EventSource waits before reconnecting after the stream drops.
      raw.write('retry: 2000\n\n');
      let ended = false;
      let unwatch: () => void = () => undefined;
      const send = (event: string, data: unknown) => {
        if (!ended) raw.write(`id: ${nextId()}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unwatch();
        open.delete(end);
        raw.end();
      };
      const heartbeat = setInterval(() => void (ended || raw.write(': heartbeat\n\n')), heartbeatMs);
      open.add(end);
      // The client went away (a closed tab, a dropped network): stop writing to it.
      raw.on('close', end);
      raw.on('error', end);
      unwatch = engine.watchRuns({
        change: (change) => {
          if (wanted(change)) send('run', { runId: change.runId, workflowId: change.workflowId, status: change.status });
        },
        ready: () => send('ready', {}),
        end,
      });
      if (ended) unwatch();
    },
  );
};
