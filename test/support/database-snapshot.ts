import pg from 'pg';
import type { TestSchema } from './test-database.ts';

/** Each table's row count and a digest of its row versions, by table name. */
export type DatabaseSnapshot = ReadonlyMap<string, string>;

export interface DatabaseSnapshots {
  /** Every table of the engine's schema (the inbox's included) and pg-boss's jobs, taken in one statement. */
  take(): Promise<DatabaseSnapshot>;
  close(): Promise<void>;
}

/**
 * Snapshots for "nothing was written": a digest of every row version of every
 * table, so an update shows as plainly as an insert, and a transaction that
 * rolled back leaves no trace. Taken in one statement; cheap while tables hold
 * thousands of rows, as a test's do. Meant for an engine without workers, where
 * only requests write (pg-boss's maintenance has nothing to do either).
 */
export async function openDatabaseSnapshots(schema: Pick<TestSchema, 'databaseUrl' | 'schema'>): Promise<DatabaseSnapshots> {
  const client = new pg.Client({ connectionString: schema.databaseUrl });
  await client.connect();
  client.on('error', () => undefined);
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    [schema.schema],
  );
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  // A row's place and the transaction that wrote it (tableoid for pg-boss's partitions, ctid, xmin) change with every insert,
  // update or delete that commits, and reading them never touches the row's data, so a
  // table of large documents costs no more than one of ids.
  const digest = (table: string) =>
    `count(*) || ':' || md5(coalesce(string_agg(tableoid::text || ctid::text || xmin::text, ',' order by tableoid, ctid), '')) as digest from ${table}`;
  const digests = rows.map(({ name }) => `select ${pgLiteral(name)} as name, ${digest(`${quoted(schema.schema)}.${quoted(name)}`)}`);
  digests.push(`select 'pg-boss jobs' as name, ${digest(`${quoted(`${schema.schema}_boss`)}.job`)}`);
  const statement = digests.join(' union all ');
  return {
    async take() {
      // Prepared once: planning a union over every table took most of the time of running it.
      const result = await client.query<{ name: string; digest: string }>({ name: 'database-snapshot', text: statement });
      return new Map(result.rows.map((row) => [row.name, row.digest]));
    },
    close: () => client.end(),
  };
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
}

function pgLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
