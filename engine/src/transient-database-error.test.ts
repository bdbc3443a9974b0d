import { describe, expect, it } from 'vitest';
import { databaseUnavailable, transientDatabaseError } from './transient-database-error.ts';

/** pg's DatabaseError carries the SQLSTATE in `code`. */
const postgresError = (code: string, message = 'postgres said no') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('databaseUnavailable', () => {
  it('names what a restart, a failover or a lost connection throws', () => {
    expect(databaseUnavailable(postgresError('57P01', 'terminating connection due to administrator command'))).toBe('57P01');
    expect(databaseUnavailable(postgresError('57P02'))).toBe('57P02');
    expect(databaseUnavailable(postgresError('57P03', 'the database system is starting up'))).toBe('57P03');
    expect(databaseUnavailable(postgresError('08006'))).toBe('08006');
    expect(databaseUnavailable(postgresError('08P01'))).toBe('08P01');
    expect(databaseUnavailable(postgresError('25006', 'cannot execute INSERT in a read-only transaction'))).toBe('25006');
    expect(databaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe('connection lost');
    expect(databaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe('connection lost');
    expect(databaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe('connection lost');
    expect(databaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
  });

  it('finds it under a wrapping error and in each address of an AggregateError', () => {
    expect(databaseUnavailable(new Error('step failed', { cause: postgresError('57P01') }))).toBe('57P01');
    expect(databaseUnavailable(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })]))).toBe('ECONNREFUSED');
  });

  it('leaves other errors alone: a bad statement, a contention error, an HTTP call that could not connect', () => {
    expect(databaseUnavailable(postgresError('23505'))).toBeUndefined();
    expect(databaseUnavailable(postgresError('40P01'))).toBeUndefined();
    expect(
      databaseUnavailable(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })),
    ).toBeUndefined();
    expect(databaseUnavailable('Connection terminated unexpectedly')).toBeUndefined();
    // A pool too small for its load says the same as a server that does not answer: not an outage.
    expect(databaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBeUndefined();
    expect(databaseUnavailable(undefined)).toBeUndefined();
  });
});

describe('transientDatabaseError', () => {
  it('is a conflict or a timeout, or an outage', () => {
    expect(transientDatabaseError(postgresError('40P01'))).toBe('40P01');
    expect(transientDatabaseError(new Error('wrapped', { cause: postgresError('55P03') }))).toBe('55P03');
    expect(transientDatabaseError(postgresError('57P01'))).toBe('57P01');
    expect(transientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe('connection lost');
    expect(transientDatabaseError(postgresError('22P02'))).toBeUndefined();
  });
});
