import type { RunInfo } from './node-definition.ts';

/**
 * The header that carries a run's chain on the engine's own outbound HTTP
 * (`core.http_request`): `Switchboard-Run-Chain: <rootRunId>;depth=<n>`. A
 * Switchboard webhook that receives it starts its run one deeper in that chain,
 * so a flow that calls its own webhook meets the depth bound just like one that
 * starts itself with `core.trigger_workflow`. Proxies detect their own loops the
 * same way (RFC 8586, `CDN-Loop`). A node that calls a Switchboard webhook by
 * other means sends it too.
 */
export const RUN_CHAIN_HEADER = 'switchboard-run-chain';

/** The header's value for a run: `<rootRunId>;depth=<depth>`. */
export function formatRunChain(run: Pick<RunInfo, 'rootRunId' | 'depth'>): string {
  return `${run.rootRunId};depth=${run.depth}`;
}

const RUN_CHAIN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*;\s*depth=(\d{1,9})$/i;

/** The chain a header value names, or undefined when it is not `<uuid>;depth=<n>`. */
export function parseRunChain(value: string): { readonly rootRunId: string; readonly depth: number } | undefined {
  const match = RUN_CHAIN.exec(value.trim());
  if (match === null) return undefined;
  return { rootRunId: (match[1] as string).toLowerCase(), depth: Number(match[2]) };
}
