import { SwitchboardError } from '../errors.ts';
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

/** Refuses a payload over MAX_PAYLOAD_BYTES with PAYLOAD_TOO_LARGE; `what` names it ("Event data of ticket.created"). */
export function checkPayloadSize(payload: unknown, what: string): void {
  const measured = measureJson(payload);
  // A payload JSON cannot store fails where it is written, as it always has.
  if (!('bytes' in measured) || measured.bytes <= MAX_PAYLOAD_BYTES) return;
  throw new SwitchboardError(
    'PAYLOAD_TOO_LARGE',
    `${what} is ${measured.bytes.toLocaleString('en-US')} bytes as JSON, more than the ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes a payload may be. Send less (the fields flows read, or an id to fetch the rest by).`,
    { details: { bytes: measured.bytes, limitBytes: MAX_PAYLOAD_BYTES } },
  );
}
