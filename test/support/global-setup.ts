import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfStale } from '../../editor/scripts/build-if-stale.ts';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The database every test file creates its own schema in; see test-database.ts. */
    databaseUrl: string;
  }
}

/**
 * Brings the web app's build up to date, and provides `databaseUrl` to every test file: `DATABASE_URL` when set, otherwise one embedded
 * Postgres started in a fresh temporary directory for this run and removed after it. The
 * machine's own Postgres is never picked up implicitly.
 */
export async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Tests that run `switchboard start` serve the web app, which each would otherwise build
  // (at the same time) when its sources changed; built once here, they find it fresh.
  await buildIfStale({ say: (line) => process.stderr.write(`${line}\n`) });
  const configuredUrl = process.env['DATABASE_URL'];
  if (configuredUrl !== undefined && configuredUrl !== '') {
    project.provide('databaseUrl', configuredUrl);
    return undefined;
  }

  // The temporary directory is the data directory itself: as root, embedded-postgres chowns it
  // to the `postgres` user, who could not enter a subdirectory of this 0700 directory.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-test-pg-'));
  try {
    const server = await startEmbeddedPostgres({ dataDir });
    project.provide('databaseUrl', server.connectionString);
    return async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
