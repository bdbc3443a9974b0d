import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestSchema } from './test-database.ts';

async function query(databaseUrl: string, text: string, values?: unknown[]): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('createTestSchema', () => {
  it('creates a schema of its own that drop() removes with its tables', async () => {
    const { databaseUrl, schema, drop } = await createTestSchema();
    expect(schema).toMatch(/^t_[0-9a-f]{12}$/);
    await query(databaseUrl, `create table "${schema}".notes (body text)`);
    await query(databaseUrl, `create schema "${schema}_boss"`);
    const schemasOf = () =>
      query(databaseUrl, 'select schema_name from information_schema.schemata where schema_name in ($1, $2) order by 1', [schema, `${schema}_boss`]);
    expect(await schemasOf()).toEqual([{ schema_name: schema }, { schema_name: `${schema}_boss` }]);

    await drop();

    expect(await schemasOf()).toEqual([]);
  });

  it('gives every call a different schema', async () => {
    const first = await createTestSchema();
    const second = await createTestSchema();
    try {
      expect(first.schema).not.toBe(second.schema);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });
});
