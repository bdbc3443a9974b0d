import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { expectOk } from '../../api/api-request-error.ts';
import { type FlowTest, pendingApi, type StartTest, type TestState } from '../../api/pending-api.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import type { RunPath } from '../canvas/canvas-live.ts';
import { throttle } from '../live/run-stream.ts';
import type { RunStream } from '../live/run-stream.ts';
import { useStreamConnected } from '../live/useStreamConnected.ts';
import { testPath } from './test-path.ts';

/** Without the runs stream the test is polled this often: a chat must feel live. */
const POLL_MS = 1500;
const REFRESH_MS = 500;

export interface TestChat {
  readonly test: FlowTest | null;
  readonly state: TestState | undefined;
  readonly path: RunPath | undefined;
  /** Saves the draft, then starts a test of it (the server pins a test version). */
  readonly start: ReturnType<typeof useMutation<FlowTest, Error, StartTest>>;
  readonly send: ReturnType<typeof useMutation<unknown, Error, string>>;
  readonly setClock: ReturnType<typeof useMutation<FlowTest, Error, string | null>>;
  readonly end: ReturnType<typeof useMutation<void, Error, void>>;
}

const testKey = (id: string | undefined) => ['flow-test', id] as const;

/**
 * One test chat of the flow being edited, held by the editor (not the pane), so switching side
 * panels keeps it; the test is deleted when it ends and, best effort, when the editor closes
 * (the server cleans up old tests on its own too).
 */
export function useTestChat(workflowId: string, flushDraft: () => Promise<void>, stream: RunStream | null): TestChat {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [test, setTest] = useState<FlowTest | null>(null);
  const connected = useStreamConnected(stream);

  const state = useQuery({
    queryKey: testKey(test?.id),
    queryFn: ({ signal }) => pendingApi.readTest(test?.id ?? '', signal),
    enabled: test !== null,
    refetchInterval: connected ? false : POLL_MS,
    staleTime: 0,
  });

  // A stream event for one of this flow's runs: the test's messages or runs may have moved.
  useEffect(() => {
    if (test === null || stream === null) return;
    const refresh = throttle(() => void queryClient.invalidateQueries({ queryKey: testKey(test.id) }), REFRESH_MS);
    const unsubscribe = stream.subscribe(() => refresh());
    return () => {
      unsubscribe();
      refresh.cancel();
    };
  }, [test, stream, queryClient]);

  // Each run's steps, fetched again whenever the run itself changed (its updatedAt in the key).
  const runs = state.data?.runs ?? [];
  const details = useQueries({
    queries: runs.map((run) => ({
      queryKey: ['run', run.id, run.updatedAt] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => expectOk(api.GET('/api/runs/{id}', { params: { path: { id: run.id } }, signal })),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const stepsKey = details.map((detail) => detail.dataUpdatedAt).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: stepsKey stands for the details, a new array every render
  const path = useMemo(
    () =>
      state.data === undefined
        ? undefined
        : testPath(runs.map((run, index) => ({ run, ...(details[index]?.data === undefined ? {} : { steps: details[index].data.steps }) }))),
    [state.data, stepsKey],
  );

  const start = useMutation<FlowTest, Error, StartTest>({
    mutationFn: async (body) => {
      await flushDraft();
      return pendingApi.startTest(workflowId, body);
    },
    onSuccess: (started) => setTest(started),
  });
  const send = useMutation<unknown, Error, string>({
    mutationFn: (text) => pendingApi.sendTestMessage(test?.id ?? '', text),
    onSettled: () => queryClient.invalidateQueries({ queryKey: testKey(test?.id) }),
  });
  const setClock = useMutation<FlowTest, Error, string | null>({
    mutationFn: (clock) => pendingApi.setTestClock(test?.id ?? '', clock),
    onSuccess: (changed) => setTest(changed),
  });
  const end = useMutation<void, Error, void>({
    mutationFn: async () => {
      if (test !== null) await pendingApi.endTest(test.id);
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: testKey(test?.id) });
      setTest(null);
    },
  });

  // Leaving the editor (another screen, a closed tab) ends the test it left behind.
  const current = useRef(test);
  current.current = test;
  useEffect(() => {
    const leave = () => {
      if (current.current !== null) void pendingApi.endTest(current.current.id, true).catch(() => {});
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, []);

  return { test, state: state.data, path, start, send, setClock, end };
}
