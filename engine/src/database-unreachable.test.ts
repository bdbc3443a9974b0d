import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/free-port.ts';
import { asDatabaseUnreachable } from './database-unreachable.ts';

const refused = (address: string, port: number) => Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { code: 'ECONNREFUSED', address, port });

describe('asDatabaseUnreachable', () => {
  it('names host and port of a refused connection in one line, from the driver', async () => {
    const port = await freePort();
    const client = new pg.Client({ connectionString: `postgres://u:p@127.0.0.1:${port}/x` });
    const error = await client.connect().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const described = asDatabaseUnreachable(error, `postgres://u:p@127.0.0.1:${port}/x`);
    expect(described).toMatchObject({
      code: 'DATABASE_UNREACHABLE',
      message: `cannot reach Postgres at 127.0.0.1:${port} (ECONNREFUSED); is it running? check DATABASE_URL`,
    });
    expect(described?.message).not.toContain('\n');
  });

  it('finds the connection error inside a cause chain and an AggregateError of several addresses', () => {
    const wrapped = new Error('migration failed', { cause: new AggregateError([refused('::1', 5433), refused('127.0.0.1', 5433)]) });
    expect(asDatabaseUnreachable(wrapped, undefined)?.message).toBe('cannot reach Postgres at ::1:5433 (ECONNREFUSED); is it running? check DATABASE_URL');
  });

  it('takes host and port from DATABASE_URL when the error carries none', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), { code: 'ENOTFOUND', hostname: 'db.internal' });
    expect(asDatabaseUnreachable(notFound, 'postgres://u:p@db.internal/x')?.message).toBe(
      'cannot reach Postgres at db.internal:5432 (ENOTFOUND); is it running? check DATABASE_URL',
    );
  });

  it('says a refused login or missing database is about the credentials, quoting Postgres', () => {
    const login = Object.assign(new Error('password authentication failed for user "app"'), { code: '28P01' });
    expect(asDatabaseUnreachable(login, 'postgres://app:bad@db:6432/x')?.message).toBe(
      'Postgres at db:6432 refused the connection: password authentication failed for user "app"; check the user, password and database in DATABASE_URL',
    );
  });

  it('leaves other errors alone', () => {
    expect(asDatabaseUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' }), undefined)).toBeUndefined();
    expect(asDatabaseUnreachable('not an error', undefined)).toBeUndefined();
  });
});
