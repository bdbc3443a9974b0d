import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { expectOk } from '../../api/api-request-error.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { canAccess } from '../../session/access.ts';
import { useSignedInSession } from '../../session/useSignedInSession.ts';
import { createFlowStore, type FlowDefinition, FlowStoreProvider, type FlowStore } from '../document/flow-store.ts';
import { FlowCanvas } from './FlowCanvas.tsx';

/**
 * The canvas alone over a workflow's draft, for trying it and for its browser tests until the
 * editor screen mounts it: read-write for editors, nothing saved. Not routed by the app.
 */
export function CanvasPlayground({ flowId }: { readonly flowId: string }) {
  const api = useApiClient();
  const session = useSignedInSession();
  const workflow = useQuery({
    queryKey: ['workflow', flowId],
    queryFn: ({ signal }) => expectOk(api.GET('/api/workflows/{id}', { params: { path: { id: flowId } }, signal })),
  });
  if (workflow.data === undefined) return <p>{workflow.isError ? String(workflow.error) : '…'}</p>;
  return <Loaded definition={workflow.data.draft as FlowDefinition} readOnly={!canAccess(session.role, 'flows:write')} />;
}

function Loaded({ definition, readOnly }: { readonly definition: FlowDefinition; readonly readOnly: boolean }) {
  const [store] = useState<FlowStore>(() => createFlowStore(definition));
  return (
    <FlowStoreProvider store={store}>
      <h1 style={{ fontSize: 20, marginBottom: 12 }}>{definition.name}</h1>
      <div style={{ height: 'calc(100vh - 180px)', border: '1px solid var(--color-border)', borderRadius: 8, overflow: 'hidden' }}>
        <FlowCanvas readOnly={readOnly} />
      </div>
    </FlowStoreProvider>
  );
}
