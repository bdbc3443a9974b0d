import pg from 'pg';
import type { TestSchema } from './test-database.ts';

/** Each table's row count and its newest row version, by table name. */
export type DatabaseSnapshot = ReadonlyMap<string, string>;

export interface DatabaseSnapshots {
  /** Every table of the engine's schema (the inbox's included) and pg-boss's jobs, taken in one statement. */
  take(): Promise<DatabaseSnapshot>;
  close(): Promise<void>;
}

/**
 * Snapshots for "nothing was written": each table's row count and newest row
 * version, so an update shows as plainly as an insert, and a transaction that
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
  // A table's row count and the newest transaction id among its rows' xmin: an insert or an
  // update writes a row version stamped with a transaction newer than every row before it, and a
  // delete changes the count, so any committed write changes one of the two. (A delete and an
  // insert together change the newest xmin.) Reading xmin never touches the row's data, and
  // neither aggregate sorts, so a snapshot costs one scan per table.
  const digest = (table: string) => `count(*) || ':' || coalesce(max(xmin::text::bigint), 0) as digest from ${table}`;
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
