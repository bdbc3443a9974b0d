import { useEffect, useState } from 'react';
import type { components } from '../../api/schema.d.ts';
import { useApiClient } from '../../api/useApiClient.ts';

export type Viewer = components['schemas']['Viewer'];

/** The server forgets a viewer 30 s after their last heartbeat; half that keeps a person listed without gaps. */
const HEARTBEAT_MS = 15_000;

/**
 * Who else has this flow open: a heartbeat while the editor is open (and the tab visible), the
 * server's list of the others in return, and a goodbye when the editor closes so the others stop
 * seeing this person at once instead of 30 s later.
 */
export function usePresence(workflowId: string): readonly Viewer[] {
  const api = useApiClient();
  const [viewers, setViewers] = useState<readonly Viewer[]>([]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const beat = async (): Promise<void> => {
      if (document.visibilityState === 'visible') {
        const { data } = await api.POST('/api/workflows/{id}/presence', { params: { path: { id: workflowId } } }).catch(() => ({ data: undefined }));
        if (!stopped && data !== undefined) setViewers(data.viewers);
      }
      if (!stopped) timer = setTimeout(() => void beat(), HEARTBEAT_MS);
    };
    const onVisible = (): void => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      void beat();
    };
    void beat();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
      void api.DELETE('/api/workflows/{id}/presence', { params: { path: { id: workflowId } }, keepalive: true }).catch(() => undefined);
    };
  }, [api, workflowId]);
  return viewers;
}
