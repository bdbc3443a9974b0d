import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine.ts';
import { createLogger } from '../../logger.ts';
import { createServer } from '../create-server.ts';
import { expectError } from '../test-app.ts';
import { testNodes } from '../test-nodes.ts';

describe('GET /api/health', () => {
  it('answers 503 DATABASE_UNAVAILABLE when Postgres does not answer, naming no host', async () => {
    // Nothing listens on port 1: every query fails to connect.
    const engine = createEngine({
      databaseUrl: 'postgres://switchboard@127.0.0.1:1/none',
      nodes: testNodes,
      runWorkers: false,
      logger: createLogger('silent'),
    });
    const app = await createServer(engine, {});
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      const body = expectError(response, 503, 'DATABASE_UNAVAILABLE');
      expect(body.message).toMatch(/^The database does not answer \(ECONNREFUSED\) since \d{4}-\d\d-\d\dT/);
      expect(body.message).not.toContain('127.0.0.1');
    } finally {
      await app.close();
      await engine.stop({ timeoutMs: 1000 });
    }
  });
});
