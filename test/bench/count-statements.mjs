/**
 * A driver hook for `pnpm bench` (http-throughput.ts): loaded into the engine's process with
 * `node --import`, it counts every statement the process sends through node-postgres (the
 * engine's pool and pg-boss's alike), by SQL text, with the time from sending it to its answer.
 * node-postgres sends one statement at a time per connection and waits for its answer, so a
 * statement is a round trip.
 *
 * The engine is not changed for this: the hook wraps `pg.Client.prototype.query` before the
 * engine loads. On SIGUSR2 it writes the counts so far to BENCH_STATEMENTS_FILE, synchronously,
 * with the signal's sequence number, so the benchmark can take the difference across a phase.
 *
 * Plain JavaScript: it runs before the engine registers its TypeScript loader.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The engine's own copy of pg (pg-boss resolves to the same package, so the same module).
const pg = createRequire(new URL('../../engine/package.json', import.meta.url))('pg');
const file = process.env.BENCH_STATEMENTS_FILE;

/** @type {Map<string, { count: number, ms: number }>} */
const statements = new Map();
let snapshots = 0;

/** Texts repeat: each one's key is made once, so the hook costs the engine little CPU of its own. */
const keys = new Map();

function keyOf(config) {
  const text = typeof config === 'string' ? config : (config?.text ?? '');
  let key = keys.get(text);
  if (key === undefined) {
    key = text.replace(/\s+/g, ' ').trim().slice(0, 160);
    if (keys.size < 10_000) keys.set(text, key);
  }
  return key;
}

function record(key, startedAt) {
  const entry = statements.get(key) ?? { count: 0, ms: 0 };
  entry.count += 1;
  entry.ms += performance.now() - startedAt;
  statements.set(key, entry);
}

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, values, callback) {
  const key = keyOf(config);
  const startedAt = performance.now();
  // pg.Pool#query and pg-boss pass a callback; Kysely takes the promise.
  const last = typeof callback === 'function' ? 2 : typeof values === 'function' ? 1 : -1;
  if (last >= 0) {
    const args = [config, values, callback];
    const done = args[last];
    args[last] = (...answer) => {
      record(key, startedAt);
      done(...answer);
    };
    return query.apply(this, args.slice(0, last + 1));
  }
  const result = query.call(this, config, values);
  if (result !== undefined && typeof result.then === 'function') {
    return result.then(
      (answer) => {
        record(key, startedAt);
        return answer;
      },
      (error) => {
        record(key, startedAt);
        throw error;
      },
    );
  }
  record(key, startedAt);
  return result;
};

if (file !== undefined) {
  process.on('SIGUSR2', () => {
    snapshots += 1;
    const byStatement = Object.fromEntries([...statements].map(([key, { count, ms }]) => [key, { count, ms: Math.round(ms) }]));
    writeFileSync(file, JSON.stringify({ snapshot: snapshots, byStatement }));
  });
}
