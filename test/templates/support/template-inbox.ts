import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInbox, testChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { startTestEngine } from '../../support/test-engine.ts';
import type { InboxEngine } from '../../inbox/support/inbox-engine.ts';
import { createTestClock, type TestClock } from './test-clock.ts';

/** The bundled templates, as the app (bin/switchboard.ts) serves them. */
export const templatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../templates');

export interface TemplateInbox extends InboxEngine {
  readonly clock: TestClock;
}

/** The app's wiring on a fresh schema: the core pack and the inbox plugin, the test channel, the bundled templates, one clock for engine and inbox. */
export async function startTemplateInbox(): Promise<TemplateInbox> {
  const clock = createTestClock();
  const channel = testChannel();
  const inbox = createInbox({ channels: [channel], clock: clock.now, deliveryAttempts: 3, deliveryRetryDelaySeconds: 1, nodes: createInboxPack });
  const harness = await startTestEngine({ nodes: corePack, plugins: [inbox.plugin], templatesDir, clock: clock.now });
  const { engine } = harness;
  return { engine, inbox, channel, harness, clock, tx: (body) => engine.transaction(body), close: () => harness.close() };
}
