import type { NodeTypeSpec } from './node-catalog.ts';

/**
 * The ports a node leaves by only after a real pause (a positive time or a
 * signal), from its type's `waits` and its config as written: every port for
 * `true`, the listed ones for a list, none otherwise. The loop guard takes the
 * edges from these ports out of the graph: a cycle left without them could
 * spin. A `waits` that throws counts as no wait, which errs on the safe side.
 */
export function waitPorts(definition: Pick<NodeTypeSpec, 'waits'>, config: Readonly<Record<string, unknown>>, ports: readonly string[]): readonly string[] {
  let waits: boolean | readonly string[] | undefined;
  try {
    waits = typeof definition.waits === 'function' ? definition.waits(config) : definition.waits;
  } catch {
    return [];
  }
  if (waits === true) return ports;
  if (Array.isArray(waits)) return ports.filter((port) => waits.includes(port));
  return [];
}
