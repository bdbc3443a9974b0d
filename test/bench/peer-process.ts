/**
 * The peers of `pnpm bench:peers` (n8n, Node-RED) as processes: started by their setup scripts
 * (which install them on first use and leave them running in the background), measured by the
 * memory of their process tree, and stopped by their PID.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

export type PeerStart = { readonly kind: 'running'; readonly pid: number } | { readonly kind: 'skipped'; readonly reason: string };

/**
 * Runs `script args` with `env` added; the script prints the started peer's PID on its last
 * line of stdout. Its stderr (install progress, the peer's first answer) is passed through,
 * and its end is the reason given when the script fails.
 */
export function startPeer(script: string, args: readonly string[], env: Record<string, string>): Promise<PeerStart> {
  return new Promise((resolve) => {
    const child = spawn('bash', [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errorTail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      errorTail = (errorTail + String(chunk)).slice(-2000);
    });
    child.once('error', (error) => resolve({ kind: 'skipped', reason: error.message }));
    child.once('close', (code) => {
      const pid = Number(out.trim().split('\n').at(-1));
      if (code === 0 && Number.isInteger(pid) && pid > 0) resolve({ kind: 'running', pid });
      else resolve({ kind: 'skipped', reason: `${script} exited ${code}: ${errorTail.trim().split('\n').slice(-6).join(' | ')}` });
    });
  });
}

/**
 * Stops a peer and what it started (n8n's task runner): SIGTERM to the tree, SIGKILL to what is
 * left after `timeoutMs`. The peer is not this process's child (its script has exited), so it is
 * watched through /proc.
 */
export async function stopPeer(pid: number, timeoutMs = 20_000): Promise<void> {
  const tree = [pid, ...(await descendants(pid))];
  for (const member of tree) signal(member, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (await Promise.all(tree.map(alive))).some(Boolean)) await new Promise((resolve) => setTimeout(resolve, 200));
  for (const member of tree) if (await alive(member)) signal(member, 'SIGKILL');
}

/** Every process below `pid`, read from /proc (each thread's children: a process may spawn from any of its threads). */
export async function descendants(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = new Set<number>();
  for (const task of tasks) {
    const listed = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    for (const child of listed.split(/\s+/).filter(Boolean)) children.add(Number(child));
  }
  const below = await Promise.all([...children].map(descendants));
  return [...children, ...below.flat()];
}

/** Resident memory of `pid` and everything below it, in kB: what bench-peer.sh samples for a peer. */
export async function treeRssKb(pid: number): Promise<number> {
  const kbs = await Promise.all([pid, ...(await descendants(pid))].map((member) => statusKb(member, 'VmRSS')));
  return kbs.reduce((sum, kb) => sum + kb, 0);
}

/**
 * Proportional memory (Pss) of the Postgres processes below `pid`, in kB. Not RSS: every backend
 * maps the same shared buffers, and RSS would count them once per backend.
 */
export async function postgresPssKb(pid: number): Promise<number> {
  let sum = 0;
  for (const member of await descendants(pid)) {
    const name = (await readFile(`/proc/${member}/comm`, 'utf8').catch(() => '')).trim();
    if (name !== 'postgres') continue;
    const rollup = await readFile(`/proc/${member}/smaps_rollup`, 'utf8').catch(() => '');
    sum += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return sum;
}

/** Samples `measure` every `intervalMs` until stopped; stop() gives the highest sample, in MB. */
export function samplePeak(measure: () => Promise<number>, intervalMs = 500): { stop(): number } {
  let peakKb = 0;
  const take = () => {
    void measure().then((kb) => {
      peakKb = Math.max(peakKb, kb);
    });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(peakKb / 1024);
    },
  };
}

async function statusKb(pid: number, field: 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

/** Whether `pid` still runs: a zombie (exited, not yet reaped) does not. */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && !/^\d+ \(.*\) Z/.test(stat);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
