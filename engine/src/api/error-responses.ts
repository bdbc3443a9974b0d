import type { RouteOptions } from 'fastify';
import { errorResponse } from './shared-schemas.ts';

/**
 * An onRoute hook: every documented route answers its failures with the one
 * `Error` body, so each declares `4xx` and `5xx` as `Error` unless it describes a
 * status of its own (`404: errorResponse('No run has this id.')`). Declared once
 * here, a route cannot forget them, and fast-json-stringify serializes error
 * bodies with the same schema the OpenAPI document shows.
 */
export function declareErrorResponses(route: RouteOptions): void {
  const { schema } = route;
  if (schema === undefined || (schema as { hide?: boolean }).hide === true) return;
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  response['4xx'] ??= errorResponse('The request was refused; `code` says why (see engine/ERRORS.md) and `issues` points at each problem.');
  response['5xx'] ??= errorResponse('The server failed; the error is logged with the request id this body names.');
  route.schema = { ...schema, response };
}
