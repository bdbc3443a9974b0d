import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A `switchboard start` running on the embedded Postgres of a data directory, as recorded in
 * that directory. One-shot commands (`import`, `import-template`, `migrate`) connect to its
 * database instead of starting a second server on a cluster that is already in use.
 */
export interface RunningInstance {
  /** The process that runs `start`. */
  readonly pid: number;
  /** Its embedded Postgres, with credentials: the reason the file is mode 0600. */
  readonly connectionString: string;
  /** Where its API listens, e.g. `http://127.0.0.1:3000`. */
  readonly apiUrl: string;
}

/** The record's name inside the data directory. */
export const runningInstanceFileName = 'running-instance.json';

/** Writes the record (mode 0600) and returns how to remove it, which `start` does when it stops. */
export async function recordRunningInstance(dataDir: string, instance: RunningInstance): Promise<() => Promise<void>> {
  const file = path.join(dataDir, runningInstanceFileName);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(instance)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; one left by a killed process keeps its bits.
  await chmod(file, 0o600);
  return () => rm(file, { force: true });
}

/**
 * The instance recorded in `dataDir` if its process is still alive. A record left behind by a
 * killed process (SIGKILL skips the removal) names a dead PID and is deleted here, so the next
 * command starts the embedded Postgres itself (which then stops the orphaned server).
 */
export async function findRunningInstance(dataDir: string): Promise<RunningInstance | undefined> {
  const file = path.join(dataDir, runningInstanceFileName);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const instance = parseRecord(text);
  if (instance !== undefined && instance.pid !== process.pid && (await isSwitchboard(instance.pid))) return instance;
  await rm(file, { force: true });
  return undefined;
}

function parseRecord(text: string): RunningInstance | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, connectionString, apiUrl } = value as Record<string, unknown>;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && typeof connectionString === 'string' && typeof apiUrl === 'string'
      ? { pid, connectionString, apiUrl }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Alive, and on Linux still a Switchboard: after a reboot or in a fresh container the dead
 * process' PID may belong to anything. Elsewhere, being alive has to do.
 */
async function isSwitchboard(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return commandLine === undefined || commandLine.includes('switchboard');
}
