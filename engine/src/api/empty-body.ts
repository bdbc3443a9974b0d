import type { FastifyRequest, RouteOptions } from 'fastify';

/**
 * An onRoute hook: a route whose body is an object with no required fields (close
 * a conversation, import a template with its defaults) treats a request with no
 * body at all as `{}`, instead of answering that the body "must be object". Only
 * an absent body: `null` or `[]` sent as JSON are still errors with their path.
 */
export function acceptEmptyBody(route: RouteOptions): void {
  if (!acceptsEmptyObject(route.schema?.body)) return;
  const existing = route.preValidation;
  const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  route.preValidation = [emptyBodyAsObject, ...hooks];
}

async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined) request.body = {};
}

function acceptsEmptyObject(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const { type, required, minProperties } = schema as { type?: unknown; required?: unknown; minProperties?: unknown };
  const isObject = type === 'object' || (Array.isArray(type) && type.includes('object'));
  return isObject && (!Array.isArray(required) || required.length === 0) && (typeof minProperties !== 'number' || minProperties === 0);
}
