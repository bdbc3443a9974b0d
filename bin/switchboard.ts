/**
 * The Switchboard application: the engine with its built-in node pack, the
 * shared inbox (a plugin, with its own node pack), the bundled templates and the
 * web app wired in. This is the one place that decides what is installed; custom
 * nodes come on top through SWITCHBOARD_NODES.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppWiring, runCli } from '@switchboard/engine/cli';
import { buildIfStale, webAppDir } from '@switchboard/editor/build';
import { channelsFromEnv, createInbox } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the app installs on the engine. Throws on invalid channel settings (SWITCHBOARD_CHANNELS). */
export function appWiring(env: NodeJS.ProcessEnv = process.env): AppWiring {
  const inbox = createInbox({ channels: channelsFromEnv(env), nodes: createInboxPack });
  return {
    nodes: corePack,
    plugins: [inbox.plugin],
    templatesDir: path.join(root, 'templates'),
    webApp: {
      dir: webAppDir,
      prepare: async (say, signal) => {
        await buildIfStale({ say, signal });
      },
    },
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  // Built only by commands that run the engine: the channel settings are checked here, and
  // `switchboard help` must work whatever they are. runCli reports a bad setting and exits 2.
  return runCli(argv, () => appWiring());
}
