/**
 * The Switchboard application: the engine with its built-in node packs,
 * consumers and templates wired in. This is the one place that decides what is
 * installed; custom nodes come on top through SWITCHBOARD_NODES.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@switchboard/engine/cli';
import { corePack } from '@switchboard/nodes-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, { nodes: [...corePack], templatesDir: path.join(root, 'templates') });
}
