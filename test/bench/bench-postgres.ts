/**
 * The Postgres an HTTP benchmark runs on: DATABASE_URL when it is set, or else an embedded one
 * in a new temporary folder, removed again by stop().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';

export interface BenchPostgres {
  readonly databaseUrl: string;
  /** Whether the benchmark started it, and so may create extensions in it. */
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `statementStatistics` loads pg_stat_statements into an embedded server (with planning time
 * tracked), for the server's time per statement; it costs the engine some throughput, so a
 * benchmark that only compares throughput leaves it off.
 */
export async function startBenchPostgres(options: { readonly statementStatistics: boolean }): Promise<BenchPostgres> {
  const given = process.env.DATABASE_URL;
  if (given !== undefined) return { databaseUrl: given, embedded: false, stop: async () => undefined };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-'));
  const server = options.statementStatistics ? await withStatementStatistics(dataDir) : await startEmbeddedPostgres({ dataDir });
  return {
    databaseUrl: server.connectionString,
    embedded: true,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The embedded Postgres with pg_stat_statements loaded: it can only be loaded at start, so the
 * cluster is made, told to preload it, and started again.
 */
async function withStatementStatistics(directory: string) {
  const first = await startEmbeddedPostgres({ dataDir: directory });
  const client = new pg.Client({ connectionString: first.connectionString });
  await client.connect();
  await client.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
  // Planning too: no statement is prepared, so each one is planned every time it runs.
  await client.query(`alter system set pg_stat_statements.track_planning = on`);
  await client.end();
  await first.stop();
  return startEmbeddedPostgres({ dataDir: directory });
}
