import path from 'node:path';
import { SwitchboardError } from './errors.ts';
import type { LogLevel } from './logger.ts';
import { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from './store/session-timeouts.ts';
import { parseEgressAllowList } from './egress/egress-policy.ts';
import { DEFAULT_RUN_BOUNDS, type RunBounds } from './runtime/run-chain.ts';
import { parseSecretsKey } from './secrets/secrets-key.ts';
import { defaultTimerConcurrency } from './runtime/work-run-jobs.ts';

/** Process configuration, read from the environment once at start. See README "Configuration". */
export interface Config {
  /** Postgres to use; when unset, an embedded Postgres is started on `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly schema: string;
  readonly host: string;
  readonly port: number;
  readonly adminToken: string | undefined;
  /** SWITCHBOARD_PUBLIC_URL: the address people reach Switchboard at, for the setup and invitation links. */
  readonly publicUrl: string | undefined;
  /** SWITCHBOARD_TRUST_PROXY: true, or the proxies' addresses, when a reverse proxy sets X-Forwarded-For. */
  readonly trustProxy: boolean | string | undefined;
  readonly tokenFile: string;
  /** Directories whose modules are loaded as custom nodes. */
  readonly nodeDirs: readonly string[];
  /** Packages whose exports are loaded as custom nodes. */
  readonly nodePackages: readonly string[];
  readonly logLevel: LogLevel;
  readonly workerConcurrency: number;
  /** Timer jobs (wait deadlines, retries) one process works on at once, beside `workerConcurrency`. */
  readonly timerConcurrency: number;
  /** Connections of the engine's pool for job work (runs, timers, queues). See `poolSizes`. */
  readonly jobPoolSize: number;
  /** Connections of the engine's pool for API requests. See `poolSizes`. */
  readonly requestPoolSize: number;
  /** Connections of pg-boss's own pool (fetching and completing jobs, LISTEN). See `poolSizes`. */
  readonly queuePoolSize: number;
  readonly shutdownTimeoutMs: number;
  /** Postgres session timeouts of the engine's and pg-boss's connections. */
  readonly sessionTimeouts: SessionTimeouts;
  /** Days finished runs, events and signals are kept (a workflow's settings.retentionDays wins for its runs). */
  readonly retentionDays: number;
  /** Addresses, ranges and host names outbound HTTP may reach beyond public ones (README "Outbound HTTP"). */
  readonly egressAllow: readonly string[];
  /** Bounds on runs started by runs: how deep a chain may go, and how many one workflow may get a second. */
  readonly runBounds: RunBounds;
  /** `SWITCHBOARD_SECRETS_KEY`, decoded (32 bytes): encrypts secrets. See README "Secrets". */
  readonly secretsKey: Buffer | undefined;
  /** `SWITCHBOARD_SECRETS_KEY_FILE`: a file holding the key instead. */
  readonly secretsKeyFile: string | undefined;
  /** `SWITCHBOARD_SECRETS_KEY_PREVIOUS`, decoded: the key before a rotation, still read until `reencrypt-secrets` has run. */
  readonly secretsKeyPrevious: Buffer | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.SWITCHBOARD_DATA_DIR ?? '.data');
  const workerConcurrency = integer(env, 'SWITCHBOARD_WORKER_CONCURRENCY', 8, 1, 256);
  const timerConcurrency = integer(env, 'SWITCHBOARD_TIMER_CONCURRENCY', defaultTimerConcurrency(workerConcurrency), 1, 256);
  const pools = poolSizes(workerConcurrency, timerConcurrency);
  const secretsKey = nonEmpty(env.SWITCHBOARD_SECRETS_KEY);
  const secretsKeyFile = nonEmpty(env.SWITCHBOARD_SECRETS_KEY_FILE);
  const secretsKeyPrevious = nonEmpty(env.SWITCHBOARD_SECRETS_KEY_PREVIOUS);
  if (secretsKey !== undefined && secretsKeyFile !== undefined) {
    throw new SwitchboardError('CONFIG_ENV_INVALID', 'SWITCHBOARD_SECRETS_KEY and SWITCHBOARD_SECRETS_KEY_FILE are both set; set one of them.');
  }
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir,
    schema: env.SWITCHBOARD_SCHEMA ?? 'switchboard',
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65_535),
    adminToken: nonEmpty(env.SWITCHBOARD_ADMIN_TOKEN),
    publicUrl: publicUrl(env.SWITCHBOARD_PUBLIC_URL),
    trustProxy: trustProxy(env.SWITCHBOARD_TRUST_PROXY),
    tokenFile: path.resolve(cwd, env.SWITCHBOARD_TOKEN_FILE ?? path.join(dataDir, 'admin-token')),
    nodeDirs: (env.SWITCHBOARD_NODES ?? '')
      .split(path.delimiter)
      .filter((dir) => dir !== '')
      .map((dir) => path.resolve(cwd, dir)),
    nodePackages: (env.SWITCHBOARD_NODE_PACKAGES ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    logLevel: logLevel(env.LOG_LEVEL),
    workerConcurrency,
    timerConcurrency,
    jobPoolSize: integer(env, 'SWITCHBOARD_DB_POOL_SIZE', pools.jobs, 1, 1000),
    requestPoolSize: integer(env, 'SWITCHBOARD_REQUEST_POOL_SIZE', pools.requests, 1, 1000),
    queuePoolSize: integer(env, 'SWITCHBOARD_QUEUE_POOL_SIZE', pools.queue, 1, 1000),
    shutdownTimeoutMs: integer(env, 'SWITCHBOARD_SHUTDOWN_TIMEOUT_MS', 30_000, 0, 600_000),
    sessionTimeouts: {
      lockTimeoutMs: integer(env, 'SWITCHBOARD_DB_LOCK_TIMEOUT_MS', DEFAULT_SESSION_TIMEOUTS.lockTimeoutMs, 0, 3_600_000),
      statementTimeoutMs: integer(env, 'SWITCHBOARD_DB_STATEMENT_TIMEOUT_MS', DEFAULT_SESSION_TIMEOUTS.statementTimeoutMs, 0, 3_600_000),
      idleInTransactionTimeoutMs: integer(
        env,
        'SWITCHBOARD_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        DEFAULT_SESSION_TIMEOUTS.idleInTransactionTimeoutMs,
        0,
        3_600_000,
      ),
    },
    retentionDays: integer(env, 'SWITCHBOARD_RETENTION_DAYS', 30, 1, 36_500),
    egressAllow: parseEgressAllowList(env.SWITCHBOARD_EGRESS_ALLOW, 'SWITCHBOARD_EGRESS_ALLOW'),
    runBounds: {
      // 0 is allowed: runs never start runs.
      maxDepth: integer(env, 'SWITCHBOARD_MAX_RUN_DEPTH', DEFAULT_RUN_BOUNDS.maxDepth, 0, 1000),
      maxChainedRunsPerSecond: integer(env, 'SWITCHBOARD_MAX_CHAINED_RUNS_PER_SECOND', DEFAULT_RUN_BOUNDS.maxChainedRunsPerSecond, 1, 1_000_000),
    },
    secretsKey: secretsKey === undefined ? undefined : parseSecretsKey(secretsKey, 'SWITCHBOARD_SECRETS_KEY'),
    secretsKeyFile: secretsKeyFile === undefined ? undefined : path.resolve(cwd, secretsKeyFile),
    secretsKeyPrevious: secretsKeyPrevious === undefined ? undefined : parseSecretsKey(secretsKeyPrevious, 'SWITCHBOARD_SECRETS_KEY_PREVIOUS'),
  };
}

/**
 * Default pool sizes for a worker concurrency `c` and a timer concurrency `t` (README "Configuration"):
 * - the engine's job pool `c + t + 4`: every run or timer job in flight holds one connection for
 *   its transaction, and 4 more serve the schedule and maintenance jobs and consumers' queues
 *   without waiting behind the runs (8 workers, 8 timers: 20);
 * - the engine's request pool, 8: API requests, apart from the jobs (connect-database.ts,
 *   `asJobWork`, says why). A request's transaction is short and all in Postgres, so a few
 *   connections keep the cores busy; more only queue the same work inside Postgres;
 * - pg-boss pool `ceil(c / 4) + ceil(t / 4) + 3`: the run and timer queues have one poller per
 *   batch of 4 jobs, each fetching and completing on its own connection, plus one each for
 *   LISTEN, the other queues' pollers and the monitor (8 workers, 8 timers: 7).
 * Postgres' own limit (`max_connections`, 100 by default) caps the sum over all processes.
 */
export function poolSizes(
  workerConcurrency: number,
  timerConcurrency: number = defaultTimerConcurrency(workerConcurrency),
): { readonly jobs: number; readonly requests: number; readonly queue: number } {
  return {
    jobs: workerConcurrency + timerConcurrency + 4,
    requests: 8,
    queue: Math.ceil(workerConcurrency / 4) + Math.ceil(timerConcurrency / 4) + 3,
  };
}

/**
 * `api` and `worker` are the processes of a multi-machine install (DESIGN "Scale"): they must
 * share one Postgres, so an embedded one of their own (each its own, unseen by the others)
 * would be a silent split brain. Only `start` and one-shot commands fall back to it.
 */
export function requireDatabaseUrl(config: Config, command: string): string {
  if (config.databaseUrl !== undefined) return config.databaseUrl;
  throw new SwitchboardError(
    'CONFIG_ENV_INVALID',
    `\`switchboard ${command}\` needs DATABASE_URL: ${command} processes share one Postgres with every other api and worker process. ` +
      'Set DATABASE_URL=postgres://user:password@host:5432/database, or run `switchboard start` to use the embedded Postgres on this machine.',
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SwitchboardError('CONFIG_ENV_INVALID', `${name} must be a whole number from ${min} to ${max}; found "${raw}".`);
  }
  return value;
}

function logLevel(raw: string | undefined): LogLevel {
  const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
  if (raw === undefined || raw === '') return 'info';
  if (!(levels as readonly string[]).includes(raw)) {
    throw new SwitchboardError('CONFIG_ENV_INVALID', `LOG_LEVEL must be one of ${levels.join(', ')}; found "${raw}".`);
  }
  return raw as LogLevel;
}

function publicUrl(value: string | undefined): string | undefined {
  const given = nonEmpty(value);
  if (given === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new SwitchboardError('CONFIG_ENV_INVALID', `SWITCHBOARD_PUBLIC_URL must be an address such as https://switchboard.example.com, found "${given}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SwitchboardError('CONFIG_ENV_INVALID', `SWITCHBOARD_PUBLIC_URL must start with http:// or https://, found "${given}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `true`/`false`, or a comma-separated list of proxy addresses or CIDR ranges, as Fastify's trustProxy takes. */
function trustProxy(value: string | undefined): boolean | string | undefined {
  const given = nonEmpty(value);
  if (given === undefined) return undefined;
  if (given === 'true' || given === '1') return true;
  if (given === 'false' || given === '0') return false;
  return given;
}
