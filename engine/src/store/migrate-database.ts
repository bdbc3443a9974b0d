import { sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Kysely } from 'kysely';
import type { DB } from './database.ts';
import { SwitchboardError } from '../errors.ts';
import { acquireMigrationLock, releaseMigrationLock } from './migration-lock.ts';
import * as initial from './migrations/0001-initial.ts';
import * as runOrder from './migrations/0003-run-order.ts';
import * as scheduleKeys from './migrations/0004-schedule-keys.ts';
import * as workflowRevisions from './migrations/0006-workflow-revisions.ts';
import * as workflowArchive from './migrations/0007-workflow-archive.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { adoptMovedMigrations, migratePluginChains, type PluginMigrationChain } from './migrate-plugins.ts';
import * as retention from './migrations/0008-retention.ts';
import * as secrets from './migrations/0009-secrets.ts';
import * as runChain from './migrations/0010-run-chain.ts';
import * as people from './migrations/0011-people.ts';
import * as flowEditor from './migrations/0012-flow-editor.ts';
import * as runList from './migrations/0013-run-list.ts';
import * as liveCounts from './migrations/0014-live-counts.ts';
import * as stepExplanations from './migrations/0015-step-explanations.ts';
import * as tests from './migrations/0016-tests.ts';

// Listed explicitly, in order: a migration is code we ship, not files we glob at run time.
// `0002-inbox` left this chain for the inbox plugin's own (see migrate-plugins.ts); its number is not reused.
const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0003-run-order': runOrder,
  '0004-schedule-keys': scheduleKeys,
  '0006-workflow-revisions': workflowRevisions,
  '0007-workflow-archive': workflowArchive,
  '0008-retention': retention,
  '0009-secrets': secrets,
  '0010-run-chain': runChain,
  '0011-people': people,
  '0012-flow-editor': flowEditor,
  '0013-run-list': runList,
  '0014-live-counts': liveCounts,
  '0015-step-explanations': stepExplanations,
  '0016-tests': tests,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date: the engine's chain, then each plugin's chain
 * (`plugins`), under one lock. Refuses to run against a database that a newer
 * Switchboard has migrated (it has migrations this code does not know), since
 * old code on a new schema can corrupt data silently.
 */
export async function migrateDatabase(
  db: Kysely<DB>,
  schema: string,
  plugins: readonly PluginMigrationChain[] = [],
): Promise<{ readonly applied: readonly string[]; readonly adopted: readonly string[] }> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  // Two processes starting at once must not both migrate: serialize on an advisory lock.
  return db.connection().execute(async (connection) => {
    await acquireMigrationLock(connection, schema);
    // The runtime's statement and lock timeouts (store/session-timeouts.ts) bound a step, not a
    // migration: an index build on a large table can take minutes, and a cancelled one would be
    // cancelled again at every start. Lifted for this session only; reset before it returns to the pool.
    await sql`set statement_timeout = 0`.execute(connection);
    await sql`set lock_timeout = '5min'`.execute(connection);
    try {
      const adopted = await adoptMovedMigrations(connection, schema, plugins);
      await assertNotNewer(connection, schema);
      const migrator = new Migrator({
        db: connection,
        provider,
        migrationTableSchema: schema,
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      const { error, results } = await migrateToLatest(migrator);
      if (error !== undefined) throw error;
      const engineApplied = (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
      return { applied: [...engineApplied, ...(await migratePluginChains(connection, schema, plugins))], adopted };
    } finally {
      await sql`reset statement_timeout`.execute(connection);
      await sql`reset lock_timeout`.execute(connection);
      await releaseMigrationLock(connection, schema);
    }
  });
}

async function assertNotNewer(db: Kysely<DB>, schema: string): Promise<void> {
  const table = await sql<{ exists: boolean }>`
    select to_regclass(${`${schema}.schema_migrations`}) is not null as exists
  `.execute(db);
  if (table.rows[0]?.exists !== true) return;
  const applied = await sql<{ name: string }>`select name from ${sql.table(`${schema}.schema_migrations`)}`.execute(db);
  const unknown = applied.rows.map((row) => row.name).filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new SwitchboardError(
      'DATABASE_TOO_NEW',
      `The database schema "${schema}" has migrations this Switchboard does not know (${unknown.join(', ')}): it was migrated by a newer version. Upgrade Switchboard instead of running an older one against it.`,
    );
  }
}
