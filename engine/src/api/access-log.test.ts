import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer } from './create-server.ts';
import { authorized, expectError, startTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ logLevel: 'info' });
});
afterAll(() => t.close());

interface LogEntry {
  level: string;
  msg: string;
  reqId?: string;
  method?: string;
  route?: string | null;
  status?: number;
  durationMs?: number;
  message?: string;
  error?: { message?: string };
}

const entries = (): LogEntry[] => t.logLines.map((line) => JSON.parse(line) as LogEntry);

describe('the access log', () => {
  it('writes one JSON line per request with method, route, status, duration and the request id of the x-request-id header', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/runs/00000000-0000-4000-8000-000000000000?language=es', headers: authorized });
    expect(response.statusCode).toBe(404);
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = entries().filter((entry) => entry.msg === 'request' && entry.reqId === requestId);
    expect(lines).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        msg: 'request',
        reqId: requestId,
        method: 'GET',
        route: '/api/runs/:id',
        status: 404,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('logs requests that auth refuses and routes that do not exist, with their id', async () => {
    const refused = await t.app.inject({ method: 'GET', url: '/api/runs' });
    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing', headers: authorized });
    for (const [response, status] of [
      [refused, 401],
      [missing, 404],
    ] as const) {
      const requestId = response.headers['x-request-id'];
      expect(entries().find((entry) => entry.msg === 'request' && entry.reqId === requestId)?.status).toBe(status);
    }
  });

  it("keeps a proxy's plain x-request-id and replaces one that is not a plain token", async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.42');
    const replaced = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'two words\n{"level":"error"}' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('database errors', () => {
  it('answers a Postgres error with 500 INTERNAL naming the request id, and logs the database text under it', async () => {
    const app = await createServer(t.engine, { logger: false });
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    // A real DatabaseError (42P01), as a store query with a bug would raise.
    app.get('/api/broken-query', { config: { access: 'signed-in' } }, async () => client.query('select secret_column from no_such_table_here'));
    try {
      const response = await app.inject({ method: 'GET', url: '/api/broken-query', headers: authorized });
      const body = expectError(response, 500, 'INTERNAL');
      const requestId = String(response.headers['x-request-id']);
      expect(body.message).toContain(requestId);
      expect(response.body).not.toMatch(/no_such_table_here|secret_column|relation/);
      const logged = entries().find((entry) => entry.reqId === requestId && entry.level === 'error');
      expect(logged?.error?.message).toContain('no_such_table_here');
    } finally {
      await client.end();
      await app.close();
    }
  });

  it('answers a value Postgres refuses with 422 and its request id, without the database text', async () => {
    // A date JavaScript holds and Postgres does not (timestamps start in 4713 BC), in a page cursor.
    const cursor = Buffer.from(JSON.stringify(['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const response = await t.app.inject({ method: 'GET', url: `/api/runs?before=${cursor}`, headers: authorized });
    const body = expectError(response, 422, 'REQUEST_INVALID');
    const requestId = String(response.headers['x-request-id']);
    expect(body.message).toContain(requestId);
    expect(body.message).toContain('a date or time out of range');
    // The request id is random hex, so it is taken out before looking for Postgres's words in the rest.
    expect(body.message.replace(requestId, '')).not.toMatch(/timestamp|DETAIL|\bBC\b/i);
    expect(entries().find((entry) => entry.reqId === requestId && entry.level === 'warn')?.message).toMatch(/out of range/i);
  });
});
