// Kysely<any>: a migration sees the schema before and after itself, which no one table type describes.
import type { Kysely } from 'kysely';
import * as inbox from './migrations/0001-inbox.ts';
import * as agentUsers from './migrations/0002-agent-users.ts';
import * as testChats from './migrations/0003-test-chats.ts';
import * as assignedBy from './migrations/0004-assigned-by.ts';
import * as roundRobinTurns from './migrations/0005-round-robin-turns.ts';

/**
 * The inbox plugin's own migration chain (recorded in `inbox_schema_migrations`),
 * listed explicitly and in order. Forward-only: a shipped migration is never
 * edited; add the next file instead.
 */
// biome-ignore lint/suspicious/noExplicitAny: see the first line of this file.
export const inboxMigrations: Readonly<Record<string, { up(db: Kysely<any>): Promise<void>; readonly movedFromEngine?: string }>> = {
  // Shipped first as the engine's `0002-inbox`; databases that ran it there hand it over (see migrate-plugins.ts).
  '0001-inbox': { up: inbox.up, movedFromEngine: '0002-inbox' },
  '0002-agent-users': { up: agentUsers.up },
  '0003-test-chats': { up: testChats.up },
  '0004-assigned-by': { up: assignedBy.up },
  '0005-round-robin-turns': { up: roundRobinTurns.up },
};
