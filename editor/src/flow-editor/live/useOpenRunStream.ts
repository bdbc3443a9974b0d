import { useEffect, useState } from 'react';
import { openRunStream, type RunStream } from './run-stream.ts';

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
