import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from './run-switchboard.ts';

/** A `switchboard` command running as a child process, as an operator would run it. */
export interface SwitchboardProcess {
  readonly command: string;
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** The exit code (or signal name) once it has exited; undefined while it runs. */
  exit(): string | undefined;
  /** Resolves when it exits, with its code or the signal that ended it. */
  readonly exited: Promise<string>;
  /** Sends SIGKILL and waits for the exit. */
  kill(): Promise<void>;
  /** Sends SIGTERM and waits for a clean exit (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<string>;
}

/**
 * Starts `node bin/switchboard.js <command>` with `env` on top of this process's environment,
 * logging at warn (override with LOG_LEVEL). A crash shows up as `exit()` turning defined.
 */
export function spawnSwitchboard(command: 'start' | 'api' | 'worker', env: Record<string, string>): SwitchboardProcess {
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'bin/switchboard.js'), command], {
    cwd: repositoryRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(String(chunk)));
  let exitedWith: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code === null ? String(signal) : String(code);
      resolve(exitedWith);
    });
  });
  return {
    command,
    child,
    output: () => chunks.join(''),
    exit: () => exitedWith,
    exited,
    async kill() {
      if (exitedWith === undefined) child.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs = 20_000) {
      if (exitedWith !== undefined) return exitedWith;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Polls `GET /api/health` until it answers 200; fails with the process's output when it exits or the time runs out. */
export async function waitForHealthy(baseUrl: string, processes: readonly SwitchboardProcess[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    assertRunning(processes);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl} did not become healthy in ${timeoutMs} ms:\n${describeProcesses(processes)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls until `output()` contains `text` (a worker has no API to ask). */
export async function waitForOutput(target: SwitchboardProcess, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!target.output().includes(text)) {
    assertRunning([target]);
    if (Date.now() > deadline) throw new Error(`"${text}" not printed in ${timeoutMs} ms:\n${describeProcesses([target])}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Throws, with their output, when one of the processes has exited. */
export function assertRunning(processes: readonly SwitchboardProcess[]): void {
  const gone = processes.filter((candidate) => candidate.exit() !== undefined);
  if (gone.length > 0) throw new Error(`a switchboard process exited:\n${describeProcesses(gone)}`);
}

/** Each process's command, exit and last output, for failure messages. */
export function describeProcesses(processes: readonly SwitchboardProcess[]): string {
  return processes.map((entry) => `--- ${entry.command} (exit ${entry.exit() ?? 'none, running'}):\n${entry.output().slice(-6000)}`).join('\n');
}

/**
 * Polls `check` until it holds, failing at once when `alive` throws (a process under test exited)
 * and after `timeoutMs`. A check that throws counts as not yet (Postgres may be down meanwhile).
 */
export async function until(check: () => boolean | Promise<boolean>, alive: () => void, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    alive();
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
