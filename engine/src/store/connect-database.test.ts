import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { settleJobs } from '../runtime/settle-jobs.ts';
import { asJobWork, connectDatabase } from './connect-database.ts';

type Line = { level: string; msg: string; reason?: string; source?: string; errors?: number };

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); ) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('connectDatabase', () => {
  it('survives the server ending a connection checked out for a transaction, fails that transaction, logs the outage once and carries on', async () => {
    const lines: Line[] = [];
    const logger = createLogger('info', {}, (line) => lines.push(JSON.parse(line) as Line));
    const database = connectDatabase({ connectionString: inject('databaseUrl'), schema: 'public', logger });
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    try {
      const failed = database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // What a fast shutdown (`pg_ctl restart -m fast`) does to every session: 57P01, then the
        // socket closes, while this client sits checked out between two statements.
        await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
        await until(() => lines.some((line) => line.level === 'warn'));
        await sql`select 1`.execute(trx);
      });
      await expect(failed).rejects.toThrow(/not queryable|terminat/i);
      expect(lines).toMatchObject([{ level: 'warn', msg: expect.stringContaining('database unavailable'), source: 'engine pool', reason: '57P01' }]);

      // The pool dropped the dead client and connects anew; the outage ends with that connection.
      expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
      expect(lines.at(-1)).toMatchObject({ level: 'info', msg: 'database available again' });
      expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toHaveLength(1);
      expect(database.outages.since()).toBeUndefined();
    } finally {
      await admin.end();
      await database.close();
    }
  });

  it('gives job work a pool of its own, so a job does not wait behind requests holding every connection of theirs', async () => {
    const database = connectDatabase({ connectionString: inject('databaseUrl'), schema: 'public', maxConnections: 1, jobConnections: 2 });
    const applicationName = async () => (await sql<{ name: string }>`select current_setting('application_name') as name`.execute(database.db)).rows[0]?.name;
    try {
      const seen: (string | undefined)[] = [];
      // The request pool's one connection stays checked out while the jobs run: with one pool
      // for both, they would wait for it until the transaction ended, and it ends only after them.
      await database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        seen.push(await asJobWork(applicationName));
        const results = await settleJobs([{ id: 'a' }, { id: 'b' }], async () => void seen.push(await applicationName()));
        expect(results.map(({ status }) => status)).toEqual(['completed', 'completed']);
        expect(database.pool.totalCount).toBe(1);
      });
      expect(seen).toEqual(['switchboard-jobs', 'switchboard-jobs', 'switchboard-jobs']);
      expect(await applicationName()).toBe('switchboard');
    } finally {
      await database.close();
    }
  });

  it('keeps the process up when pg-pool re-emits an idle connection error, reported by the client itself', async () => {
    const lines: Line[] = [];
    const logger = createLogger('info', {}, (line) => lines.push(JSON.parse(line) as Line));
    const database = connectDatabase({ connectionString: 'postgres://u:p@127.0.0.1:1/x', schema: 'switchboard', logger });
    try {
      database.pool.emit('error', new Error('terminating connection due to administrator command'));
      expect(lines).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
