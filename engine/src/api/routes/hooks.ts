import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Engine } from '../../engine.ts';
import { jsonBodyParser } from '../json-body-parser.ts';
import { errorResponse, ref } from '../shared-schemas.ts';

const HookParams = Type.Object({ workflowId: Type.String({ description: 'The workflow whose webhook trigger receives the request.' }) });

/**
 * Webhooks: `POST /hooks/:workflowId` starts a run of a published workflow with a
 * webhook trigger. No bearer token: the trigger node authenticates the request
 * (e.g. an HMAC signature over the raw body), so the raw text is kept next to the
 * parsed body. Registered as its own plugin so the raw-keeping JSON parser applies
 * to this route only.
 */
export const hookRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  const rawBodies = new WeakMap<FastifyRequest, string>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    jsonBodyParser(app, (request, text) => rawBodies.set(request, text)),
  );

  app.post<{ Params: Static<typeof HookParams> }>(
    '/hooks/:workflowId',
    {
      config: { access: 'public' },

      schema: {
        tags: ['webhooks'],
        summary: "Start a run through a workflow's webhook trigger",
        description:
          'Send any JSON body. When the trigger has a signing secret (a stored secret, `{{ secrets.NAME }}`), sign the raw body with it: header `x-switchboard-signature: sha256=<hex HMAC-SHA256>` (the header name is configurable). ' +
          'A request with `Switchboard-Run-Chain: <root run id>;depth=<n>` (what core.http_request sends) starts its run at depth n + 1 of that chain, within the bounds on runs started by runs.',
        security: [],
        params: HookParams,
        response: {
          202: {
            description: 'Accepted. `started` is false when a run for this subject is in flight and the workflow ignores re-entry.',
            ...ref('StartedRun'),
          },
          400: errorResponse('The body is not valid JSON (REQUEST_MALFORMED_JSON) or nests too deep (REQUEST_TOO_DEEP).'),
          401: errorResponse('The signature is missing or wrong (WEBHOOK_SIGNATURE_INVALID).'),
          404: errorResponse('No published workflow has this id (WORKFLOW_NOT_FOUND, WORKFLOW_NOT_ACTIVE).'),
          409: errorResponse('The workflow is not started by a webhook (WORKFLOW_TRIGGER_MISMATCH).'),
          422: errorResponse(
            'The Switchboard-Run-Chain header is malformed (REQUEST_INVALID), or the run would be deeper in its chain than SWITCHBOARD_MAX_RUN_DEPTH allows (RUN_DEPTH_LIMIT).',
          ),
          429: errorResponse('The workflow had its most runs started by runs in the last second (RUN_RATE_LIMIT); `Retry-After` says when to try again.'),
          503: errorResponse(
            "The trigger's signing secret is missing or cannot be read (SECRET_NOT_FOUND, SECRET_UNREADABLE, SECRETS_KEY_MISSING); the engine's log says which.",
          ),
        },
      },
    },
    async (request, reply) => {
      const result = await engine.runWebhook(request.params.workflowId, {
        headers: request.headers,
        rawBody: rawBodies.get(request) ?? '',
        body: request.body ?? null,
      });
      return reply.status(202).send(result);
    },
  );
};
