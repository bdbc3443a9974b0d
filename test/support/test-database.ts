import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestSchema {
  /** The shared test database; the schema lives in it. */
  readonly databaseUrl: string;
  /** `t_<12 hex>`; pg-boss gets the companion schema `${schema}_boss`. */
  readonly schema: string;
  /** Drops the schema and its `_boss` companion with everything in them. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates a schema of its own for one test file (docs/ARCHITECTURE.md, Conventions: each DB test gets its own schema),
 * in the database that global-setup.ts provides.
 *
 * @example
 * let db: TestSchema;
 * beforeAll(async () => { db = await createTestSchema(); });
 * afterAll(() => db.drop());
 */
export async function createTestSchema(): Promise<TestSchema> {
  const databaseUrl = inject('databaseUrl');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await execute(databaseUrl, `create schema "${schema}"`);
  return {
    databaseUrl,
    schema,
    async drop() {
      await execute(databaseUrl, `drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_boss" cascade`);
    },
  };
}

async function execute(databaseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A Kysely of the test schema's own, for tests that read or arrange rows directly instead of
 * going through the engine's API (the engine does not hand out its connection pool).
 * Unqualified names resolve in the test schema. Destroy it in `afterAll`.
 */
export function connectTestDatabase(schema: Pick<TestSchema, 'databaseUrl' | 'schema'>): Kysely<any> {
  const pool = new pg.Pool({ connectionString: schema.databaseUrl, max: 4, options: `-c search_path=${schema.schema},public` });
  pool.on('error', () => undefined);
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
}
