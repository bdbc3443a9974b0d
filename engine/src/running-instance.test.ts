import { spawn } from 'node:child_process';
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRunningInstance, recordRunningInstance } from './running-instance.ts';

/** A child process whose command line names switchboard, like `node bin/switchboard.js start`. */
function startProcess(args: readonly string[]) {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...args], { stdio: 'ignore' });
  return { pid: child.pid as number, stop: () => new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGKILL')) };
}

describe('the running-instance record', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-instance-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));
  const file = () => path.join(dataDir, 'running-instance.json');

  it('finds the instance a live switchboard process recorded, in a file only its user can read', async () => {
    const running = startProcess(['switchboard', 'start']);
    try {
      const instance = { pid: running.pid, connectionString: 'postgres://postgres:secret@127.0.0.1:5555/switchboard', apiUrl: 'http://127.0.0.1:3000' };
      const remove = await recordRunningInstance(dataDir, instance);
      expect((await stat(file())).mode & 0o777).toBe(0o600);
      expect(await findRunningInstance(dataDir)).toEqual(instance);
      await remove();
      await expect(access(file())).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await findRunningInstance(dataDir)).toBeUndefined();
    } finally {
      await running.stop();
    }
  });

  it('ignores and deletes a record whose process died', async () => {
    const dead = startProcess(['switchboard', 'start']);
    await dead.stop();
    await recordRunningInstance(dataDir, { pid: dead.pid, connectionString: 'postgres://x', apiUrl: 'http://127.0.0.1:3000' });
    expect(await findRunningInstance(dataDir)).toBeUndefined();
    await expect(access(file())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ignores a record whose PID now belongs to another program', async () => {
    const other = startProcess(['an-unrelated-program']);
    try {
      await recordRunningInstance(dataDir, { pid: other.pid, connectionString: 'postgres://x', apiUrl: 'http://127.0.0.1:3000' });
      expect(await findRunningInstance(dataDir)).toBeUndefined();
    } finally {
      await other.stop();
    }
  });
});
