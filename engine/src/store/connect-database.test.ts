import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { connectDatabase } from './connect-database.ts';

describe('connectDatabase', () => {
  it('logs an error of an idle connection instead of swallowing it, and keeps the process up', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    const database = connectDatabase({ connectionString: 'postgres://u:p@127.0.0.1:1/x', schema: 'switchboard', logger });
    try {
      // What pg does when the server ends an idle client (a restart, a failover).
      database.pool.emit('error', new Error('terminating connection due to administrator command'));
      expect(lines).toMatchObject([
        { level: 'error', msg: 'database connection lost', error: { message: 'terminating connection due to administrator command' } },
      ]);
    } finally {
      await database.close();
    }
  });
});
