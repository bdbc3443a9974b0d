/**
 * Benchmark: what the request body's depth check costs. The API measures how
 * deep every JSON body nests before parsing it (engine/src/graph/json-depth.ts);
 * this times that pass on 1 MB bodies of three shapes, beside JSON.parse of the
 * same text, and the refusal of a 1 MB body nested 500,000 levels deep.
 * Prints figures; asserts nothing. Run with `pnpm bench:json-depth`.
 */
import { findTooDeepInText, MAX_JSON_DEPTH, measureJsonTextDepth } from '../../engine/src/graph/json-depth.ts';

const TARGET_LENGTH = 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

/** Repeats `item(i)` inside a JSON array until the text is about TARGET_LENGTH characters. */
function bodyOf(item: (index: number) => unknown): string {
  const parts: string[] = [];
  let length = 2;
  for (let index = 0; length < TARGET_LENGTH; index += 1) {
    const text = JSON.stringify(item(index));
    parts.push(text);
    length += text.length + 1;
  }
  return `[${parts.join(',')}]`;
}

const bodies: Record<string, string> = {
  // A workflow definition's nodes: short keys, templates, a few levels.
  'definition nodes': bodyOf((index) => ({
    id: `node_${index}`,
    type: 'core.http_request',
    config: {
      method: 'POST',
      url: `https://example.com/orders/${index}`,
      body: { text: 'Hola {{ contact.name }}, volvemos a las 9:00.', tags: ['vip', 'es'] },
    },
  })),
  // A chat transcript: long strings with quotes and escapes.
  'message texts': bodyOf((index) => ({
    text: `Customer ${index} wrote: "my order [#${index}] hasn't arrived" \\ please check {soon}. `.repeat(4),
    at: '2026-05-01T10:00:00Z',
  })),
  // Numeric data: brackets and commas, almost no strings.
  'number pairs': bodyOf((index) => [index, index * 1.5]),
};

function medianMs(work: () => unknown): number {
  for (let warmUp = 0; warmUp < 20; warmUp += 1) work();
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

console.log(`Depth check of 1 MB request bodies (limit ${MAX_JSON_DEPTH}), median of ${ROUNDS} rounds:`);
for (const [name, text] of Object.entries(bodies)) {
  const depthMs = medianMs(() => measureJsonTextDepth(text, MAX_JSON_DEPTH));
  const parseMs = medianMs(() => JSON.parse(text));
  const megabytes = text.length / TARGET_LENGTH;
  console.log(
    `  ${name.padEnd(17)} depth check ${depthMs.toFixed(2)} ms (${(megabytes / (depthMs / 1000)).toFixed(0)} MB/s), JSON.parse ${parseMs.toFixed(2)} ms: the check adds ${((100 * depthMs) / parseMs).toFixed(0)}%`,
  );
}

const deep = '['.repeat(TARGET_LENGTH / 2) + ']'.repeat(TARGET_LENGTH / 2);
const refuseMs = medianMs(() => {
  measureJsonTextDepth(deep, MAX_JSON_DEPTH);
  findTooDeepInText(deep, MAX_JSON_DEPTH);
  measureJsonTextDepth(deep);
});
const parseDeepMs = medianMs(() => JSON.parse(deep));
console.log(`  refusing 1 MB nested ${TARGET_LENGTH / 2} levels deep: ${refuseMs.toFixed(2)} ms (JSON.parse of it would take ${parseDeepMs.toFixed(1)} ms)`);
