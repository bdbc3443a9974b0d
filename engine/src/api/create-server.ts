import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Engine } from '../engine.ts';
import { registerAccessLog, requestId } from './access-log.ts';
import { createAuthHook, requireAccessDeclared } from './auth.ts';
import { createErrorHandler, handleNotFound } from './error-handler.ts';
import { declareErrorResponses } from './error-responses.ts';
import { acceptEmptyBody } from './empty-body.ts';
import { jsonBodyParser } from './json-body-parser.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { hookRoutes } from './routes/hooks.ts';
import { nodeTypeRoutes } from './routes/node-types.ts';
import { templateScopeRoutes } from './routes/template-scope.ts';
import { peopleRoutes } from './routes/people.ts';
import { runRoutes } from './routes/runs.ts';
import { runStreamRoutes } from './routes/run-stream.ts';
import { secretRoutes } from './routes/secrets.ts';
import { templateRoutes } from './routes/templates.ts';
import { workflowRoutes } from './routes/workflows.ts';
import { workflowValidationRoutes } from './routes/workflow-validation.ts';
import { workflowVersionRoutes } from './routes/workflow-versions.ts';
import { workflowLiveCountsRoutes } from './routes/workflow-live-counts.ts';
import { workflowPresenceRoutes } from './routes/workflow-presence.ts';
import { sharedSchemas } from './shared-schemas.ts';
import { validatorCompiler } from './validator-compiler.ts';
import { loadWebApp } from './web-app.ts';

export interface ServerOptions {
  /** @internal How often an idle run stream sends a heartbeat comment; 15 s unless a test wants it sooner. */
  readonly runStreamHeartbeatMs?: number;
  /** Fastify's request log (pino, one line per request). Defaults to false; errors go to the engine's log either way. */
  readonly logger?: boolean;
  /**
   * The built web app (a folder with `index.html` and `assets/`), served at `/` with client-side
   * routing: any browser page outside `/api`, `/hooks` and `/docs` gets its `index.html`. Unset,
   * the server answers only the API.
   */
  readonly webAppDir?: string;
  /**
   * The address people reach Switchboard at (`SWITCHBOARD_PUBLIC_URL`), for the links in
   * invitations, and an origin trusted for changes sent with a session cookie. Unset, both
   * come from each request's own Host.
   */
  readonly publicUrl?: string;
  /**
   * Fastify's `trustProxy` (`SWITCHBOARD_TRUST_PROXY`): behind a reverse proxy, the client's
   * address (sign-in throttling counts per address) and protocol come from X-Forwarded-*.
   */
  readonly trustProxy?: boolean | string;
}

/**
 * Builds the HTTP API over an engine: bearer-token auth, the error body
 * `{ statusCode, code, message, issues? }` on every failure, the routes, and
 * the OpenAPI reference at `/docs` (JSON at `/docs/json`), and the web app at `/`
 * when `webAppDir` is given. Not listening yet:
 * the caller calls `listen`, or `inject` in tests. Seed a token first with
 * `seedAdminToken`. The routes of the engine's plugins are registered too.
 *
 * @example
 * const app = await createServer(engine, { logger: true });
 * await app.listen({ host: '0.0.0.0', port: 3000 });
 */
export async function createServer(engine: Engine, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: requestId,
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });

  // First, so even a request that auth refuses is logged and carries its id.
  registerAccessLog(app, engine.log);
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(createErrorHandler(engine.log));
  const webApp = options.webAppDir === undefined ? undefined : await loadWebApp(options.webAppDir);
  app.setNotFoundHandler(webApp === undefined ? handleNotFound : webApp.notFoundHandler(handleNotFound));
  // JSON only: Fastify's text/plain parser would hand a string to routes that expect
  // an object and turn a wrong content-type into a confusing 422 instead of a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonBodyParser(app));
  await app.register(cookie);
  const auth = createAuthHook(engine, options.publicUrl === undefined ? {} : { trustedOrigins: [new URL(options.publicUrl).origin] });
  app.addHook('onRequest', auth.onRequest);
  app.addHook('onRoute', requireAccessDeclared);
  for (const schema of sharedSchemas) app.addSchema(schema);
  app.addHook('onRoute', declareErrorResponses);
  app.addHook('onRoute', acceptEmptyBody);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: '0.1.0',
        description:
          'Workflows, runs, events and webhooks of a Switchboard engine. Errors are `{ statusCode, code, message, issues? }`; codes are listed in engine/ERRORS.md.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token: `Authorization: Bearer <token>`. It carries its owner’s role.' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sb_session', description: 'The web app’s session, set by POST /api/session.' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    // Shared schemas appear under their own names (`#/components/schemas/Run`), not `def-3`.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) },
  });
  // The UI's assets ship inside the package: /docs works offline.
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes, { engine });
  await app.register(peopleRoutes, { engine, auth, ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl.replace(/\/+$/, '') }) });
  await app.register(nodeTypeRoutes, { engine });
  await app.register(templateScopeRoutes, { engine });
  await app.register(workflowRoutes, { engine });
  await app.register(workflowValidationRoutes, { engine });
  await app.register(workflowVersionRoutes, { engine });
  await app.register(workflowPresenceRoutes, { engine });
  await app.register(workflowLiveCountsRoutes, { engine });
  await app.register(eventRoutes, { engine });
  await app.register(runStreamRoutes, { engine, ...(options.runStreamHeartbeatMs === undefined ? {} : { heartbeatMs: options.runStreamHeartbeatMs }) });
  await app.register(runRoutes, { engine });
  await app.register(hookRoutes, { engine });
  await app.register(templateRoutes, { engine });
  await app.register(secretRoutes, { engine });
  // Plugins' routes sit behind the same auth hook, validator and error body as the engine's own.
  for (const plugin of engine.plugins) if (plugin.routes !== undefined) await app.register(plugin.routes);
  if (webApp !== undefined) await app.register(webApp.routes);
  return app;
}
