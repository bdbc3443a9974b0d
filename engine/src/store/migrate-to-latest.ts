import type { Migrator } from 'kysely/migration';

/**
 * SQLSTATEs Kysely's migrator meets when another schema of the same database is
 * dropped while it looks for its own tables: its introspection reads every
 * schema's tables and columns (pg_get_serial_sequence on each), and a table that
 * vanishes mid-query fails the whole query. Schemas come and go beside ours
 * where a database holds one schema per tenant or per test file.
 */
const CONCURRENT_DDL_SQL_STATES: ReadonlySet<string> = new Set(['3F000', '42P01', '42703', 'XX000']);

/**
 * Runs the migrator, again if its look-up raced with another schema's DDL.
 * Safe to repeat: the look-up happens before the migrations, which run in one
 * transaction, so a failed attempt has applied nothing.
 */
export async function migrateToLatest(migrator: Migrator): Promise<Awaited<ReturnType<Migrator['migrateToLatest']>>> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await migrator.migrateToLatest();
    const code = (outcome.error as { code?: unknown } | undefined)?.code;
    const isRace = typeof code === 'string' && CONCURRENT_DDL_SQL_STATES.has(code) && (outcome.results ?? []).every((result) => result.status !== 'Success');
    if (!isRace || attempt === 5) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}
