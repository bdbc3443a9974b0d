import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openRunStream, type RunStreamScope, throttle } from '../flow-editor/live/run-stream.ts';

/**
 * Keeps what a runs screen shows current: one `GET /api/runs/stream` connection for the scope,
 * and on `ready` or `run` the queries under `queryKey` are re-fetched, at most once a second
 * however many runs move. Returns whether the stream is open; while it is not, the caller polls.
 */
export function useRunsLive(scope: RunStreamScope, queryKey: QueryKey, enabled = true): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const { workflowId, runId } = scope;
  const key = JSON.stringify(queryKey);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const stream = openRunStream({ ...(workflowId === undefined ? {} : { workflowId }), ...(runId === undefined ? {} : { runId }) });
    const refetch = throttle(() => void queryClient.invalidateQueries({ queryKey: JSON.parse(key) as QueryKey }), 1000);
    const unsubscribe = stream.subscribe(() => refetch());
    const unwatch = stream.onConnection(setConnected);
    return () => {
      unsubscribe();
      unwatch();
      refetch.cancel();
      stream.close();
      setConnected(false);
    };
  }, [workflowId, runId, key, enabled, queryClient]);
  return connected;
}
