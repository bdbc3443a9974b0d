import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './create-server.ts';
import { authorized, expectError, startTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the OpenAPI reference', () => {
  it('serves the OpenAPI document at /docs/json without a token, listing every route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Switchboard API');
    expect(document.components.securitySchemes['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /api/node-types',
        'POST /api/workflows',
        'GET /api/workflows',
        'GET /api/workflows/{id}',
        'PUT /api/workflows/{id}',
        'POST /api/workflows/{id}/publish',
        'POST /api/workflows/{id}/stop',
        'GET /api/workflows/{id}/versions',
        'POST /api/workflows/{id}/runs',
        'POST /api/events',
        'GET /api/runs',
        'GET /api/runs/{id}',
        'POST /api/runs/{id}/cancel',
        'POST /hooks/{workflowId}',
      ]),
    );
    expect(routes.some((route) => route.includes('/docs'))).toBe(false);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Error', 'Run', 'Workflow']));
  });

  it('marks health and webhooks as needing no bearer token', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>();
    expect(document.paths['/api/health']?.['get']?.security).toEqual([]);
    expect(document.paths['/hooks/{workflowId}']?.['post']?.security).toEqual([]);
  });

  it('serves the Swagger UI from the package, without a token', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const bundle = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
  });
});

describe('error responses', () => {
  it('answers malformed JSON with 400 REQUEST_MALFORMED_JSON and where it broke', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: '{"type": "a",',
    });
    const body = expectError(response, 400, 'REQUEST_MALFORMED_JSON');
    expect(body.message).toMatch(/not valid JSON: .+/);
  });

  it('answers an empty JSON body with 400 REQUEST_MALFORMED_JSON', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/events', headers: { ...authorized, 'content-type': 'application/json' }, payload: '' });
    expectError(response, 400, 'REQUEST_MALFORMED_JSON');
  });

  it('refuses a __proto__ key with 400 instead of parsing it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: '{"type":"a","data":{"__proto__":{"admin":true}}}',
    });
    const body = expectError(response, 400, 'REQUEST_MALFORMED_JSON');
    expect(body.message).toContain('__proto__');
  });

  it('answers a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/events', headers: { ...authorized, 'content-type': 'text/plain' }, payload: 'type=a' });
    expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const payload = JSON.stringify({ type: 'a', data: { blob: 'x'.repeat(1_100_000) } });
    const response = await t.app.inject({ method: 'POST', url: '/api/events', headers: { ...authorized, 'content-type': 'application/json' }, payload });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a schema violation with 422 REQUEST_INVALID and a JSON Pointer per problem', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/events', headers: authorized, payload: { type: 5, idempotency_key: 'k', data: [] } });
    const body = expectError(response, 422, 'REQUEST_INVALID');
    expect(body.issues?.map((issue) => issue.path).sort()).toEqual(['/data', '/idempotency_key', '/type']);
    expect(body.issues?.every((issue) => issue.code === 'REQUEST_INVALID')).toBe(true);
  });

  it('points query string problems at /query/<name>', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/runs?limit=0&status=lost', headers: authorized });
    const body = expectError(response, 422, 'REQUEST_INVALID');
    expect(body.issues?.map((issue) => issue.path).sort()).toEqual(['/query/limit', '/query/status']);
  });

  it('answers a value Postgres cannot store with 422 and its pointer, not 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: authorized,
      payload: { type: 'nul.inside', data: { text: 'a\u0000b' } },
    });
    const body = expectError(response, 422, 'REQUEST_INVALID');
    expect(body.issues?.map((issue) => issue.path)).toEqual(['/data/text']);
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: authorized });
    expectError(response, 404, 'ROUTE_NOT_FOUND');
  });
});

describe('unexpected errors', () => {
  it('answers 500 INTERNAL without internals and logs the error with the request id', async () => {
    // A second server on the same engine, with a route that fails the way a bug would.
    const app = await createServer(t.engine, { logger: false });
    app.get('/api/explode', { config: { access: 'signed-in' } }, async () => {
      throw new Error('secret connection string postgres://user:pw@db');
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/explode', headers: authorized });
      const body = expectError(response, 500, 'INTERNAL');
      expect(body.message).not.toContain('secret');
      // The message quotes the request id; the log line under that id has the real error.
      const entries = t.logLines.map((line) => JSON.parse(line) as { reqId?: string; error?: { message?: string } });
      const logged = entries.find((entry) => entry.reqId !== undefined && body.message.includes(entry.reqId));
      expect(logged?.error?.message).toContain('secret connection string');
    } finally {
      await app.close();
    }
  });
});
