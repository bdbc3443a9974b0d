import { type Kysely, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import { migrateToLatest } from './migrate-to-latest.ts';
import { SwitchboardError } from '../errors.ts';

/** A plugin's migration chain, as the store runs it. */
export interface PluginMigrationChain {
  /** The plugin's name; its chain is recorded in `<name>_schema_migrations` in the engine's schema. */
  readonly name: string;
  /** Its migrations by name, applied in name order. */
  readonly migrations: Readonly<Record<string, Migration & { readonly movedFromEngine?: string }>>;
}

/** Where a plugin's chain is recorded: beside the engine's `schema_migrations`, one table per plugin. */
export function pluginMigrationTable(name: string): string {
  return `${name}_schema_migrations`;
}

/**
 * Hands over migrations that once shipped in the engine's own chain and now
 * belong to a plugin (`movedFromEngine`): a database that ran one there gets it
 * recorded, with its original time, in the plugin's chain instead, so it is
 * neither run again nor taken for a migration of a newer Switchboard. One
 * transaction: the record moves, it is never in both chains or in neither.
 * Runs under the migration lock, before the engine's chain is checked.
 */
export async function adoptMovedMigrations<T>(db: Kysely<T>, schema: string, chains: readonly PluginMigrationChain[]): Promise<readonly string[]> {
  const moves = chains.flatMap((chain) =>
    Object.entries(chain.migrations).flatMap(([name, migration]) =>
      migration.movedFromEngine === undefined ? [] : [{ chain: chain.name, name, from: migration.movedFromEngine }],
    ),
  );
  if (moves.length === 0 || !(await tableExists(db, schema, 'schema_migrations'))) return [];
  return db.transaction().execute(async (trx) => {
    const adopted: string[] = [];
    for (const move of moves) {
      const engineTable = sql.table(`${schema}.schema_migrations`);
      const pluginTable = sql.table(`${schema}.${pluginMigrationTable(move.chain)}`);
      const found = await sql<{ timestamp: string }>`delete from ${engineTable} where name = ${move.from} returning timestamp`.execute(trx);
      const timestamp = found.rows[0]?.timestamp;
      if (timestamp === undefined) continue;
      // The shape Kysely's Migrator gives its table, so it takes this one as its own.
      await sql`create table if not exists ${pluginTable} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(trx);
      await sql`insert into ${pluginTable} (name, timestamp) values (${move.name}, ${timestamp}) on conflict (name) do nothing`.execute(trx);
      adopted.push(`${move.chain}:${move.name}`);
    }
    return adopted;
  });
}

/**
 * Brings each plugin's chain up to date, in the order the plugins were given,
 * after the engine's own. Like the engine's chain, a chain that has migrations
 * this code does not know was migrated by a newer version of the plugin, and
 * nothing runs. The caller holds the migration lock.
 */
export async function migratePluginChains<T>(db: Kysely<T>, schema: string, chains: readonly PluginMigrationChain[]): Promise<readonly string[]> {
  const applied: string[] = [];
  for (const chain of chains) {
    const table = pluginMigrationTable(chain.name);
    await assertChainNotNewer(db, schema, table, chain.migrations, `the "${chain.name}" plugin`);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => chain.migrations },
      migrationTableSchema: schema,
      migrationTableName: table,
      migrationLockTableName: `${table}_lock`,
    });
    const { error, results } = await migrateToLatest(migrator);
    if (error !== undefined) throw error;
    applied.push(...(results ?? []).filter((result) => result.status === 'Success').map((result) => `${chain.name}:${result.migrationName}`));
  }
  return applied;
}

/** Refuses a chain that records migrations this code does not know: old code on a new schema can corrupt data silently. */
export async function assertChainNotNewer<T>(
  db: Kysely<T>,
  schema: string,
  table: string,
  known: Readonly<Record<string, unknown>>,
  owner: string,
): Promise<void> {
  if (!(await tableExists(db, schema, table))) return;
  const applied = await sql<{ name: string }>`select name from ${sql.table(`${schema}.${table}`)}`.execute(db);
  const unknown = applied.rows.map((row) => row.name).filter((name) => !(name in known));
  if (unknown.length > 0) {
    throw new SwitchboardError(
      'DATABASE_TOO_NEW',
      `The database schema "${schema}" has migrations of ${owner} that this code does not know (${unknown.join(', ')}): it was migrated by a newer version. Upgrade instead of running an older one against it.`,
    );
  }
}

async function tableExists<T>(db: Kysely<T>, schema: string, table: string): Promise<boolean> {
  const found = await sql<{ exists: boolean }>`select to_regclass(${`${schema}.${table}`}) is not null as exists`.execute(db);
  return found.rows[0]?.exists === true;
}
