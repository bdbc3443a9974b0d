import { useEffect, useState } from 'react';
import type { RunStream } from './run-stream.ts';

/** Whether the stream is open now (else the caller polls). */
export function useStreamConnected(stream: RunStream | null): boolean {
  const [connected, setConnected] = useState(stream?.connected ?? false);
  useEffect(() => {
    setConnected(stream?.connected ?? false);
    return stream?.onConnection(setConnected);
  }, [stream]);
  return connected;
}
