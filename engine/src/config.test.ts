import { describe, expect, it } from 'vitest';
import { poolSizes, readConfig, requireDatabaseUrl } from './config.ts';

describe('readConfig', () => {
  it('sizes the pools from the worker and timer concurrency by default', () => {
    expect(readConfig({}, '/app')).toMatchObject({ workerConcurrency: 8, timerConcurrency: 8, jobPoolSize: 20, requestPoolSize: 8, queuePoolSize: 7 });
    expect(readConfig({ SWITCHBOARD_WORKER_CONCURRENCY: '32' }, '/app')).toMatchObject({
      timerConcurrency: 32,
      jobPoolSize: poolSizes(32).jobs,
      queuePoolSize: poolSizes(32).queue,
    });
    expect(poolSizes(32)).toEqual({ jobs: 68, requests: 8, queue: 19 });
    expect(readConfig({ SWITCHBOARD_TIMER_CONCURRENCY: '4' }, '/app')).toMatchObject({ timerConcurrency: 4, jobPoolSize: 16, queuePoolSize: 6 });
  });

  it('takes pool sizes from SWITCHBOARD_DB_POOL_SIZE, SWITCHBOARD_REQUEST_POOL_SIZE and SWITCHBOARD_QUEUE_POOL_SIZE', () => {
    expect(readConfig({ SWITCHBOARD_DB_POOL_SIZE: '40', SWITCHBOARD_REQUEST_POOL_SIZE: '12', SWITCHBOARD_QUEUE_POOL_SIZE: '7' }, '/app')).toMatchObject({
      jobPoolSize: 40,
      requestPoolSize: 12,
      queuePoolSize: 7,
    });
  });

  it('rejects a pool size that is not a positive whole number, naming the variable', () => {
    expect(() => readConfig({ SWITCHBOARD_DB_POOL_SIZE: '0' }, '/app')).toThrow(/SWITCHBOARD_DB_POOL_SIZE must be a whole number from 1/);
    expect(() => readConfig({ SWITCHBOARD_QUEUE_POOL_SIZE: 'lots' }, '/app')).toThrow(/SWITCHBOARD_QUEUE_POOL_SIZE/);
    expect(() => readConfig({ SWITCHBOARD_REQUEST_POOL_SIZE: '-1' }, '/app')).toThrow(/SWITCHBOARD_REQUEST_POOL_SIZE must be a whole number from 1/);
  });
});

describe('run bounds', () => {
  it('bounds runs started by runs to 10 deep and 100 a second per workflow by default', () => {
    expect(readConfig({}, '/app').runBounds).toEqual({ maxDepth: 10, maxChainedRunsPerSecond: 100 });
  });

  it('takes them from SWITCHBOARD_MAX_RUN_DEPTH and SWITCHBOARD_MAX_CHAINED_RUNS_PER_SECOND, naming a bad one', () => {
    expect(readConfig({ SWITCHBOARD_MAX_RUN_DEPTH: '0', SWITCHBOARD_MAX_CHAINED_RUNS_PER_SECOND: '2500' }, '/app').runBounds).toEqual({
      maxDepth: 0,
      maxChainedRunsPerSecond: 2500,
    });
    expect(() => readConfig({ SWITCHBOARD_MAX_RUN_DEPTH: '-1' }, '/app')).toThrow(/SWITCHBOARD_MAX_RUN_DEPTH must be a whole number from 0 to 1000/);
    expect(() => readConfig({ SWITCHBOARD_MAX_CHAINED_RUNS_PER_SECOND: '0' }, '/app')).toThrow(
      /SWITCHBOARD_MAX_CHAINED_RUNS_PER_SECOND must be a whole number from 1/,
    );
  });
});

describe('requireDatabaseUrl', () => {
  it('refuses an api or worker process without DATABASE_URL and says what to do', () => {
    const config = readConfig({}, '/app');
    expect(() => requireDatabaseUrl(config, 'worker')).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ENV_INVALID',
        message: expect.stringMatching(/`switchboard worker` needs DATABASE_URL.*or run `switchboard start`/),
      }),
    );
    expect(requireDatabaseUrl(readConfig({ DATABASE_URL: 'postgres://db/x' }, '/app'), 'api')).toBe('postgres://db/x');
  });
});
