/**
 * The load of `pnpm bench:peers`: autocannon, in a process of its own, for every system compared.
 *
 * One tool for all three, so that what differs between the figures is the system, not the
 * client. autocannon rather than load-generator.ts (fetch): on the 2 cores the load shares with
 * the system under test, Node-RED answers thousands of requests a second, and fetch's cost per
 * request would make part of that figure the load generator's; autocannon writes raw HTTP/1.1 on
 * kept-alive connections for much less. It is also what the peers' own bench-peer.sh uses, so
 * their figures compare with the earlier ones in the peers' RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const autocannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface CannonPlan {
  readonly url: string;
  /** `name=value` each. */
  readonly headers: readonly string[];
  /** Each `[<id>]` in it is replaced by a new id per request (autocannon's -I): a new idempotency key each. */
  readonly body: string;
  readonly connections: number;
  readonly seconds: number;
}

export interface CannonReport {
  /** 2xx answers a second over the run. */
  readonly okPerSecond: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly seconds: number;
  /** The HTTP answer's time, as autocannon saw it (ms). */
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** POSTs `plan.body` from `plan.connections` connections, each sending as soon as its last answer came, for `plan.seconds`. */
export function cannonade(plan: CannonPlan): Promise<CannonReport> {
  const args = [autocannon, '--json', '-c', String(plan.connections), '-d', String(plan.seconds), '-m', 'POST', '-b', plan.body];
  for (const header of plan.headers) args.push('-H', header);
  if (plan.body.includes('[<id>]')) args.push('-I');
  args.push(plan.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
    });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      const result = JSON.parse(out) as {
        '2xx': number;
        non2xx: number;
        errors: number;
        timeouts: number;
        duration: number;
        latency: { p50: number; p99: number; max: number };
      };
      resolve({
        okPerSecond: Math.round((result['2xx'] / result.duration) * 10) / 10,
        ok: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        seconds: Math.round(result.duration * 10) / 10,
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      });
    });
  });
}
