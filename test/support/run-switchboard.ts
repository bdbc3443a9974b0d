import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SwitchboardResult {
  readonly code: number | null;
  /** Standard output alone (the last line of `import` is the workflow id). */
  readonly stdout: string;
  /** Standard output and error, interleaved as they came. */
  readonly output: string;
}

/**
 * Runs the app binary (`node bin/switchboard.js ...`) to its exit, the way an
 * operator would. `onOutput` sees everything printed so far, with the child,
 * e.g. to call the API once it listens or to send it a signal.
 */
export function runSwitchboard(
  args: readonly string[],
  env: Record<string, string>,
  onOutput?: (output: string, child: ChildProcess) => void,
): Promise<SwitchboardResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repositoryRoot, 'bin/switchboard.js'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      output += String(chunk);
      onOutput?.(output, child);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += String(chunk);
      onOutput?.(output, child);
    });
    child.on('exit', (code) => resolve({ code, stdout, output }));
  });
}
