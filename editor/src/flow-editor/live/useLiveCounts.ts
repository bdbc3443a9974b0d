import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type LiveCounts, type LiveWindow, pendingApi } from '../../api/pending-api.ts';
import { type RunStream, throttle } from './run-stream.ts';
import { useStreamConnected } from './useStreamConnected.ts';

/** Re-fetched at most this often however busy the flow is: counts a second old are live enough. */
const REFRESH_MS = 1000;
/** Without the stream (it dropped, or an older server), counts are polled this often instead. */
const POLL_MS = 15_000;

export const liveCountsKey = (workflowId: string, window: LiveWindow) => ['workflow-live-counts', workflowId, window] as const;

/**
 * The flow's live counts over `window`, re-fetched when the runs stream says a run of the flow
 * changed (throttled to once a second). Held in TanStack Query, never in the document store: a
 * count is not an edit, so it stays out of undo and the autosave.
 */
export function useLiveCounts(workflowId: string, window: LiveWindow, enabled: boolean, stream: RunStream | null): LiveCounts | undefined {
  const queryClient = useQueryClient();
  const connected = useStreamConnected(stream);
  const query = useQuery({
    queryKey: liveCountsKey(workflowId, window),
    queryFn: ({ signal }) => pendingApi.liveCounts(workflowId, window, signal),
    enabled,
    staleTime: REFRESH_MS,
    refetchInterval: connected ? false : POLL_MS,
    // A route missing on an older server answers 404 every time: asking again will not help.
    retry: false,
  });
  useEffect(() => {
    if (!enabled || stream === null) return;
    const refresh = throttle(() => void queryClient.invalidateQueries({ queryKey: liveCountsKey(workflowId, window) }), REFRESH_MS);
    const unsubscribe = stream.subscribe(() => refresh());
    return () => {
      unsubscribe();
      refresh.cancel();
    };
  }, [enabled, stream, queryClient, workflowId, window]);
  return query.data;
}
