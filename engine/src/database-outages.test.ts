import { describe, expect, it } from 'vitest';
import { createDatabaseOutages } from './database-outages.ts';
import { createLogger } from './logger.ts';

const shutdown = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

function outagesWith(probe: () => Promise<unknown>) {
  const lines: { level: string; msg: string; [field: string]: unknown }[] = [];
  let now = Date.parse('2026-03-01T10:00:00Z');
  const outages = createDatabaseOutages({
    log: createLogger('info', {}, (line) => lines.push(JSON.parse(line) as { level: string; msg: string })),
    probe,
    clock: () => new Date(now),
  });
  return { outages, lines, advance: (ms: number) => (now += ms) };
}

describe('database outages', () => {
  it('logs an outage once when it starts and once when a connection succeeds again, counting the errors between', () => {
    const { outages, lines, advance } = outagesWith(async () => undefined);
    expect(outages.report(shutdown(), 'engine pool')).toBe(true);
    for (let n = 0; n < 50; n += 1) outages.report(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'pg-boss');
    expect(outages.since()).toEqual(new Date('2026-03-01T10:00:00Z'));
    advance(4200);
    outages.restored();
    outages.restored();
    expect(lines).toMatchObject([
      { level: 'warn', msg: expect.stringContaining('database unavailable'), reason: '57P01', source: 'engine pool' },
      { level: 'info', msg: 'database available again', outageMs: 4200, errors: 51 },
    ]);
    expect(outages.since()).toBeUndefined();
  });

  it('leaves an error that is no outage to its caller', () => {
    const { outages, lines } = outagesWith(async () => undefined);
    expect(outages.report(Object.assign(new Error('duplicate key'), { code: '23505' }), 'engine pool')).toBe(false);
    expect(lines).toEqual([]);
    expect(outages.since()).toBeUndefined();
  });

  it('waits until the database answers again, with one probe for every caller', async () => {
    let probes = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    let isBack = false;
    const { outages } = outagesWith(async () => {
      probes += 1;
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
      if (!isBack) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await outages.waitUntilBack({ timeoutMs: 10 }); // No outage known: at once.
    expect(probes).toBe(0);

    outages.report(shutdown(), 'engine pool');
    const waiting = [outages.waitUntilBack({ timeoutMs: 20_000 }), outages.waitUntilBack({ timeoutMs: 20_000 }), outages.waitUntilBack({ timeoutMs: 20_000 })];
    while (probes < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    isBack = true;
    await Promise.all(waiting);
    expect(outages.since()).toBeUndefined();
    expect(mostInFlight).toBe(1);
  });

  it('stops waiting at its timeout or when told to, while the database stays away', async () => {
    const { outages } = outagesWith(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    outages.report(shutdown(), 'engine pool');
    const started = Date.now();
    await outages.waitUntilBack({ timeoutMs: 100 });
    const stopping = new AbortController();
    const aborted = outages.waitUntilBack({ timeoutMs: 60_000, signal: stopping.signal });
    stopping.abort();
    await aborted;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outages.since()).toBeDefined();
  });
});
