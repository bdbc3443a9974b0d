/**
 * The load side of `pnpm bench` (http-throughput.ts), run as its own process so that sending
 * the load takes no CPU from the engine's event loop: it POSTs inbound messages or events to a
 * running Switchboard over HTTP, paced (a fixed rate, open loop: a slow answer does not slow the
 * load) or at saturation (a fixed number of clients, each sending as soon as its last answer
 * came), for a bounded time, then prints one JSON line with what it sent and how it was answered.
 *
 * usage: node --import tsx test/bench/load-generator.ts '<json of LoadPlan>'
 */

export interface LoadPlan {
  readonly baseUrl: string;
  readonly token: string;
  /** `messages`: POST /api/inbox/messages, a new contact each. `events`: POST /api/events of `eventType`. */
  readonly kind: 'messages' | 'events';
  /** Names the items of this phase: contacts `<prefix> <n>`, events with `data.phase`. */
  readonly prefix: string;
  readonly eventType?: string;
  readonly seconds: number;
  /** Items a second, paced; without it, `clients` send back to back. */
  readonly rate?: number;
  readonly clients?: number;
}

export interface LoadReport {
  readonly prefix: string;
  readonly sent: number;
  readonly accepted: number;
  /** Answers that were not 2xx, by `<status>` (`network` when none came). */
  readonly refused: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** The HTTP answer's time, as the client saw it. */
  readonly answerMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const headers = { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' };
const refused: Record<string, number> = {};
const answerMs: number[] = [];
let sent = 0;
let accepted = 0;

function body(n: number): string {
  if (plan.kind === 'messages') {
    return JSON.stringify({
      channel: 'whatsapp',
      contact: { externalId: `${plan.prefix}-${n}`, name: `${plan.prefix} ${n}` },
      text: 'Hola, quiero información',
      idempotencyKey: `${plan.prefix}-${n}`,
    });
  }
  return JSON.stringify({
    type: plan.eventType ?? 'bench.small',
    subject: `bench:${plan.prefix}-${n}`,
    idempotencyKey: `${plan.prefix}-${n}`,
    data: { phase: plan.prefix, n, priority: n % 2 === 0 ? 'high' : 'normal' },
  });
}

async function send(n: number): Promise<void> {
  sent += 1;
  const url = `${plan.baseUrl}${plan.kind === 'messages' ? '/api/inbox/messages' : '/api/events'}`;
  const started = performance.now();
  try {
    const response = await fetch(url, { method: 'POST', headers, body: body(n), signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    if (response.ok) accepted += 1;
    else refused[String(response.status)] = (refused[String(response.status)] ?? 0) + 1;
  } catch {
    refused['network'] = (refused['network'] ?? 0) + 1;
  }
  answerMs.push(performance.now() - started);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
}

const started = performance.now();
const deadline = started + plan.seconds * 1000;
if (plan.rate !== undefined) {
  const interval = 1000 / plan.rate;
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; ; n += 1) {
    const at = started + n * interval;
    if (at >= deadline) break;
    const wait = at - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const item = send(n);
    inFlight.add(item);
    void item.finally(() => inFlight.delete(item));
  }
  await Promise.all([...inFlight]);
} else {
  let next = 0;
  await Promise.all(
    Array.from({ length: plan.clients ?? 32 }, async () => {
      while (performance.now() < deadline) await send(next++);
    }),
  );
}
const sorted = answerMs.sort((a, b) => a - b);
const report: LoadReport = {
  prefix: plan.prefix,
  sent,
  accepted,
  refused,
  seconds: Math.round((performance.now() - started) / 100) / 10,
  answerMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: percentile(sorted, 1) },
};
process.stdout.write(`${JSON.stringify(report)}\n`);
