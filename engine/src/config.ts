import path from 'node:path';
import { SwitchboardError } from './errors.ts';
import type { LogLevel } from './logger.ts';

/** Process configuration, read from the environment once at start. See README "Configuration". */
export interface Config {
  /** Postgres to use; when unset, an embedded Postgres is started on `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly schema: string;
  readonly host: string;
  readonly port: number;
  readonly adminToken: string | undefined;
  readonly tokenFile: string;
  /** Directories whose modules are loaded as custom nodes. */
  readonly nodeDirs: readonly string[];
  /** Packages whose exports are loaded as custom nodes. */
  readonly nodePackages: readonly string[];
  readonly logLevel: LogLevel;
  readonly workerConcurrency: number;
  readonly shutdownTimeoutMs: number;
  /** Days finished runs, events and signals are kept (a workflow's settings.retentionDays wins for its runs). */
  readonly retentionDays: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.SWITCHBOARD_DATA_DIR ?? '.data');
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir,
    schema: env.SWITCHBOARD_SCHEMA ?? 'switchboard',
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65_535),
    adminToken: nonEmpty(env.SWITCHBOARD_ADMIN_TOKEN),
    tokenFile: path.resolve(cwd, env.SWITCHBOARD_TOKEN_FILE ?? path.join(dataDir, 'admin-token')),
    nodeDirs: (env.SWITCHBOARD_NODES ?? '').split(path.delimiter).filter((dir) => dir !== '').map((dir) => path.resolve(cwd, dir)),
    nodePackages: (env.SWITCHBOARD_NODE_PACKAGES ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''),
    logLevel: logLevel(env.LOG_LEVEL),
    workerConcurrency: integer(env, 'SWITCHBOARD_WORKER_CONCURRENCY', 8, 1, 256),
    shutdownTimeoutMs: integer(env, 'SWITCHBOARD_SHUTDOWN_TIMEOUT_MS', 30_000, 0, 600_000),
    retentionDays: integer(env, 'SWITCHBOARD_RETENTION_DAYS', 30, 1, 36_500),
  };
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
