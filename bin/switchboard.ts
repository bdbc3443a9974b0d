/**
 * The Switchboard application: the engine with its built-in node packs and
 * consumers wired in. This is the one place that decides what is installed;
 * custom nodes come on top through SWITCHBOARD_NODES.
 */
import { runCli } from '@switchboard/engine/cli';
import { corePack } from '@switchboard/nodes-core';

export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, { nodes: [...corePack] });
}
