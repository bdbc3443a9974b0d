/**
 * The Switchboard application: the engine with its built-in node pack, the
 * shared inbox (a plugin, with its own node pack) and the bundled templates wired in. This is the one place that
 * decides what is installed; custom nodes come on top through SWITCHBOARD_NODES.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@switchboard/engine/cli';
import { channelsFromEnv, createInbox } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function main(argv: readonly string[]): Promise<number> {
  // Built only by commands that run the engine: the channel settings are checked here, and
  // `switchboard help` must work whatever they are. runCli reports a bad setting and exits 2.
  return runCli(argv, () => {
    const inbox = createInbox({ channels: channelsFromEnv(process.env), nodes: createInboxPack });
    return {
      nodes: corePack,
      plugins: [inbox.plugin],
      templatesDir: path.join(root, 'templates'),
    };
  });
}
