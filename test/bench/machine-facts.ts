import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export interface MachineFacts {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly postgres: string | null;
  readonly commit: string | null;
  readonly hostname: string;
}

/** What a benchmark's figures were measured on, written beside them: figures from another machine or commit do not compare. */
export async function machineFacts(pool: pg.Pool): Promise<MachineFacts> {
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.dirname(fileURLToPath(import.meta.url)), encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })();
  const { rows } = await pool.query<{ server_version: string }>('show server_version');
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    postgres: rows[0]?.server_version ?? null,
    commit,
    hostname: os.hostname(),
  };
}
