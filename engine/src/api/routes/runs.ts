import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import type { RunStatus } from '../../store/database.ts';
import { SwitchboardError } from '../../errors.ts';
import { decodeRunCursor, encodeRunCursor } from '../run-cursor.ts';
import { IdParams, LanguageTag } from '../request-schemas.ts';
import { errorResponse, ref } from '../shared-schemas.ts';
import { languagePreferences } from '../accept-language.ts';
import { translateExplanation } from '../translate-explanation.ts';

const RunQuery = Type.Object(
  {
    language: Type.Optional(LanguageTag("The language of the steps' explanations, a language tag; omitted: the Accept-Language header decides.")),
  },
  { additionalProperties: false },
);

const DEFAULT_PAGE_SIZE = 50;

const RunListQuery = Type.Object(
  {
    // Checked as a uuid here: the engine would hand any other string to Postgres as a uuid.
    workflowId: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(Type.Unsafe<RunStatus>({ type: 'string', enum: ['running', 'waiting', 'completed', 'failed', 'cancelled'] })),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    stuck: Type.Optional(
      Type.Boolean({
        description:
          'true: only runs nothing will move: running (or waiting past a deadline) for over a minute with no job for them. The workers repair such runs every 30 s; any listed here deserve a look at the logs.',
      }),
    ),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Only runs created at or after this instant (RFC 3339, with an offset).' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'Only runs created before this instant.' })),
    test: Type.Optional(
      Type.Boolean({ description: "true: only test chats' runs (POST /api/workflows/{id}/tests). Left out, or false: test runs are hidden." }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: DEFAULT_PAGE_SIZE, description: `Page size. Defaults to ${DEFAULT_PAGE_SIZE}.` })),
    before: Type.Optional(Type.String({ minLength: 1, description: 'The `nextCursor` of the previous page.' })),
  },
  { additionalProperties: false },
);

type RunListQuery = Static<typeof RunListQuery>;

const notFound = errorResponse('No run has this id.');

/** Runs: list and inspect them (every step, its input, output, port and error), and cancel one. */
export const runRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get<{ Querystring: RunListQuery }>(
    '/api/runs',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['runs'],
        summary: 'List runs, newest first',
        querystring: RunListQuery,
        response: {
          200: {
            description: 'One page of runs. Pass `nextCursor` as `before` for the next page; it is null on the last page.',
            type: 'object',
            required: ['runs', 'nextCursor'],
            properties: { runs: { type: 'array', items: ref('Run') }, nextCursor: { type: ['string', 'null'] } },
          },
          422: errorResponse('A filter is invalid (REQUEST_INVALID).'),
        },
      },
    },
    async (request) => {
      const { workflowId, status, subject, stuck, since, until, test, limit = DEFAULT_PAGE_SIZE, before } = request.query;
      const cursor = before === undefined ? undefined : decodeRunCursor(before);
      if (cursor === null) {
        throw new SwitchboardError('REQUEST_INVALID', 'The "before" cursor is not one this API returned; pass a nextCursor value unchanged.', {
          issues: [{ path: '/query/before', code: 'REQUEST_INVALID', message: '/query/before is not a cursor this API returned' }],
        });
      }
      const runs = await engine.listRuns({
        ...(workflowId === undefined ? {} : { workflowId }),
        ...(status === undefined ? {} : { status }),
        ...(subject === undefined ? {} : { subject }),
        ...(stuck === undefined ? {} : { stuck }),
        ...(since === undefined ? {} : { since: new Date(since) }),
        ...(until === undefined ? {} : { until: new Date(until) }),
        ...(test === undefined ? {} : { test }),
        ...(cursor === undefined ? {} : { before: cursor }),
        limit,
      });
      // A full page may be followed by more; a short one is the last.
      const last = runs.length === limit ? runs.at(-1) : undefined;
      return { runs, nextCursor: last === undefined ? null : encodeRunCursor(last) };
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof RunQuery> }>(
    '/api/runs/:id',
    {
      config: { access: 'flows:read' },
      schema: {
        tags: ['runs'],
        summary: 'Get a run with its steps and waits',
        description:
          "Each step's `explanation` (why it chose what it chose) comes in the language asked for with `language`, else the best of Accept-Language.",
        params: IdParams,
        querystring: RunQuery,
        response: {
          200: {
            description: 'The run, every step it took in order, and its waits.',
            type: 'object',
            required: ['run', 'steps', 'waits'],
            properties: { run: ref('Run'), steps: { type: 'array', items: ref('Step') }, waits: { type: 'array', items: ref('Wait') } },
          },
          404: notFound,
          422: errorResponse('`language` is not a language tag (REQUEST_INVALID).'),
        },
      },
    },
    async (request, reply) => {
      const { language } = request.query;
      const preferences = language === undefined ? languagePreferences(request.headers['accept-language']) : [language];
      reply.header('vary', 'Accept-Language');
      const { run, steps, waits } = await engine.getRun(request.params.id);
      const explained = steps.map((step) => ({
        ...step,
        explanation: step.explanation === null ? null : translateExplanation(engine.catalog.get(step.nodeType)?.definition, step.explanation, preferences),
      }));
      return { run, steps: explained, waits };
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/runs/:id/cancel',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['runs'],
        summary: 'Cancel a running or waiting run',
        params: IdParams,
        response: {
          200: { description: 'The cancelled run.', ...ref('Run') },
          404: notFound,
          409: errorResponse('The run has already finished (RUN_NOT_CANCELLABLE).'),
        },
      },
    },
    async (request) => engine.cancelRun(request.params.id),
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/runs/:id/retry',
    {
      config: { access: 'flows:write' },
      schema: {
        tags: ['runs'],
        summary: 'Retry a failed run at the step it failed at',
        description:
          'Re-enters the node the run failed at as its next visit, on the same run: the failed step stays in the step list, and the retry is the step after it (`retry: true`), with an idempotency key of its own. The run is `running` again when this answers.',
        params: IdParams,
        response: {
          200: { description: 'The run, running again.', ...ref('Run') },
          404: notFound,
          409: errorResponse('The run is not failed, or it reached its step cap (RUN_NOT_RETRYABLE).'),
        },
      },
    },
    async (request) => engine.retryRun(request.params.id),
  );
};
