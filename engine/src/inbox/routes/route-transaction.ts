import type { NodeDatabase } from '@switchboard/engine/sdk';
import type { InboxRuntime } from '../inbox-runtime.ts';

/**
 * One transaction per request: nothing is half-written when a request fails.
 * Resolved per call, so the routes may be registered before the engine has started and set the inbox up.
 */
export function routeTransaction(rt: InboxRuntime): <T>(body: (db: NodeDatabase) => Promise<T>) => Promise<T> {
  return (body) => rt.engine().transaction(body);
}
