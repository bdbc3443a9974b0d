import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, type DatabaseSnapshots, openDatabaseSnapshots } from './database-snapshot.ts';
import { createTestSchema, type TestSchema } from './test-database.ts';

describe('database snapshots', () => {
  let schema: TestSchema;
  let client: pg.Client;
  let snapshots: DatabaseSnapshots;
  beforeAll(async () => {
    schema = await createTestSchema();
    client = new pg.Client({ connectionString: schema.databaseUrl });
    await client.connect();
    await client.query(`set search_path to "${schema.schema}"`);
    await client.query(`create table notes (id int primary key, body text); create table other (id int); insert into notes values (1, 'a'), (2, 'b')`);
    await client.query(`create schema "${schema.schema}_boss"; create table "${schema.schema}_boss".job (id int)`);
    snapshots = await openDatabaseSnapshots(schema);
  });
  afterAll(async () => {
    await snapshots?.close();
    await client?.end();
    await schema?.drop();
  });

  /** The tables `write` changed, as the snapshots see them. */
  async function changedBy(write: string): Promise<string[]> {
    const before = await snapshots.take();
    await client.query(write);
    return changedTables(before, await snapshots.take());
  }

  it('sees an insert, an update of any row, a delete, and a delete with an insert that keep the count', async () => {
    expect(await changedBy(`insert into notes values (3, 'c')`)).toEqual(['notes']);
    expect(await changedBy(`update notes set body = 'A' where id = 1`)).toEqual(['notes']);
    expect(await changedBy(`delete from notes where id = 2`)).toEqual(['notes']);
    expect(await changedBy(`begin; delete from notes where id = 3; insert into notes values (4, 'd'); commit`)).toEqual(['notes']);
    expect(await changedBy(`insert into "${schema.schema}_boss".job values (1)`)).toEqual(['pg-boss jobs']);
  });

  it('sees nothing of a transaction that rolled back, or of a read', async () => {
    expect(await changedBy(`begin; insert into notes values (9, 'z'); update notes set body = 'x'; rollback`)).toEqual([]);
    expect(await changedBy(`select * from notes for update`)).toEqual([]);
  });
});
