import { SwitchboardError } from '../errors.ts';
import { findTooDeep, MAX_JSON_DEPTH } from '../graph/json-depth.ts';
import { measureJson } from './check-step-output.ts';

/**
 * The most event data, a run's input or a signal's data may be, in bytes of JSON: the HTTP body
 * limit (Fastify's default, 1 MiB), so a payload is bounded alike wherever it comes from. Over
 * HTTP the body limit refuses it first; inside the engine (a node's `ctx.emit` or
 * `ctx.startWorkflow`, `core.trigger_workflow`, a plugin) this does. A payload is stored on its
 * event or signal row, in each run it starts (trigger data, the trigger step's output) and in the
 * jobs that resume waits, so one oversized payload would be written many times over.
 */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/**
 * Refuses a payload over MAX_PAYLOAD_BYTES with PAYLOAD_TOO_LARGE, and one nested deeper than
 * MAX_JSON_DEPTH with REQUEST_TOO_DEEP, as the API's parser does; `what` names it ("Event data of
 * ticket.created").
 */
export function checkPayloadSize(payload: unknown, what: string): void {
  const measured = measureJson(payload);
  if (!('bytes' in measured)) {
    // Too deep is the one problem that would not fail where the payload is written, but overflow
    // the stack there (JSON.stringify, at a few thousand levels): a node that forwards an upstream
    // answer to ctx.emit as it came. Other payloads JSON cannot store fail at their INSERT, as always.
    const tooDeep = findTooDeep(payload, MAX_JSON_DEPTH);
    if (tooDeep === undefined) return;
    throw new SwitchboardError(
      'REQUEST_TOO_DEEP',
      `${what} nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep (at ${tooDeep}), more than a payload may. Send flatter data, or the deep part as text.`,
      { details: { path: tooDeep, limitDepth: MAX_JSON_DEPTH } },
    );
  }
  if (measured.bytes <= MAX_PAYLOAD_BYTES) return;
  throw new SwitchboardError(
    'PAYLOAD_TOO_LARGE',
    `${what} is ${measured.bytes.toLocaleString('en-US')} bytes as JSON, more than the ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes a payload may be. Send less (the fields flows read, or an id to fetch the rest by).`,
    { details: { bytes: measured.bytes, limitBytes: MAX_PAYLOAD_BYTES } },
  );
}
