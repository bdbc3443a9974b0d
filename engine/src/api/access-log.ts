import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';

/** An id a proxy in front of us already gave the request: kept when it is short and plain, so one id follows the request through both logs. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id: the caller's `x-request-id` when it is a plain token,
 * otherwise a new uuid (unique across processes, so an id quoted from a 500
 * finds one log line).
 */
export function requestId(request: IncomingMessage): string {
  const forwarded = request.headers['x-request-id'];
  return typeof forwarded === 'string' && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
}

/**
 * One info line per request through the engine's logger (method, route pattern,
 * status, duration, request id), and the id in an `x-request-id` response header
 * so a client can quote it. The route is the pattern (`/api/runs/:id`), never the
 * URL: ids and query strings stay out of the log, and lines group by route.
 */
export function registerAccessLog(app: FastifyInstance, log: Logger): void {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    log.info('request', {
      reqId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    });
  });
}
