import type { NodeDatabase } from '@switchboard/engine/sdk';
import type { InboxDatabase, InboxDB } from '../store/inbox/database.ts';

/** The engine's connection or transaction, seen with the inbox's tables: the same handle, no copy, no cast. */
export function inboxTables(db: NodeDatabase): InboxDatabase {
  return db.withTables<InboxDB>();
}
