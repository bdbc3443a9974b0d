import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.ts';
import { createLogger } from '../logger.ts';
import { createServer } from './create-server.ts';
import { expectError } from './test-app.ts';
import { testNodes } from './test-nodes.ts';

/** Errors of the database itself are the database's, not a bug of the route: 503, worth sending again. */
describe('database errors over HTTP', () => {
  let engine: Engine;
  let app: Awaited<ReturnType<typeof createServer>>;

  beforeAll(async () => {
    // Nothing listens on port 1: every query fails to connect, as while Postgres restarts.
    engine = createEngine({ databaseUrl: 'postgres://switchboard@127.0.0.1:1/none', nodes: testNodes, runWorkers: false, logger: createLogger('silent') });
    app = await createServer(engine, {});
    app.get('/test/deadlock', { config: { access: 'public' } }, async () => {
      throw Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' });
    });
    app.get('/test/terminated', { config: { access: 'public' } }, async () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
    });
  });
  afterAll(async () => {
    await app?.close();
    await engine?.stop({ timeoutMs: 1000 });
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, not 500, on a route while Postgres cannot be reached', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/workflows', headers: { authorization: 'Bearer some-token' } });
    const body = expectError(response, 503, 'DATABASE_UNAVAILABLE');
    expect(response.headers['retry-after']).toBe('1');
    expect(body.message).toContain('ECONNREFUSED');
    expect(body.message).not.toContain('127.0.0.1');
  });

  it('answers 503 DATABASE_UNAVAILABLE for a session the server ended, and 503 DATABASE_TRANSIENT for a deadlock', async () => {
    expectError(await app.inject({ method: 'GET', url: '/test/terminated' }), 503, 'DATABASE_UNAVAILABLE');
    const deadlock = await app.inject({ method: 'GET', url: '/test/deadlock' });
    expect(expectError(deadlock, 503, 'DATABASE_TRANSIENT').message).toContain('40P01');
    expect(deadlock.headers['retry-after']).toBe('1');
  });
});
