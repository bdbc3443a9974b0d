import { createServer } from '../../../engine/src/api/create-server.ts';
import { seedAdminToken } from '../../../engine/src/api/auth.ts';
import type { InboxEngine } from './inbox-engine.ts';

/** The API server, as createServer builds it (the test package does not depend on fastify itself). */
export type InboxServer = Awaited<ReturnType<typeof createServer>>;

export const authorized = { authorization: 'Bearer inbox-test-token' } as const;

/** The real API server (auth, validator, error bodies), which registers the inbox plugin's routes, as the CLI does. */
export async function startInboxServer(box: InboxEngine): Promise<InboxServer> {
  await seedAdminToken(box.engine, { adminToken: 'inbox-test-token', tokenFile: '/nonexistent/unused', log: () => undefined });
  const app = await createServer(box.engine, { logger: false });
  await app.ready();
  return app;
}
