import { createContext, useContext, useEffect, useState } from 'react';
import { openRunStream, type RunStream } from './run-stream.ts';

export const RunStreamContext = createContext<RunStream | null>(null);

/** Opens the flow's runs stream for the editor's lifetime (one connection however many read it). */
export function useOpenRunStream(workflowId: string, enabled: boolean): RunStream | null {
  const [stream, setStream] = useState<RunStream | null>(null);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const opened = openRunStream(workflowId);
    setStream(opened);
    return () => {
      opened.close();
      setStream(null);
    };
  }, [workflowId, enabled]);
  return stream;
}

export function useRunStream(): RunStream | null {
  return useContext(RunStreamContext);
}

/** Whether the stream is open now (else the caller polls). */
export function useStreamConnected(stream: RunStream | null): boolean {
  const [connected, setConnected] = useState(stream?.connected ?? false);
  useEffect(() => {
    setConnected(stream?.connected ?? false);
    return stream?.onConnection(setConnected);
  }, [stream]);
  return connected;
}
