import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { CircleAlert, Info } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, expectOk } from '../api/api-request-error.ts';
import type { components } from '../api/schema.d.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { canAccess } from '../session/access.ts';
import { useSignedInSession } from '../session/useSignedInSession.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import buttons from '../ui/buttons.module.css';
import { createFlowStore, type FlowDefinition, FlowStoreProvider } from './document/flow-store.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import styles from './FlowEditorScreen.module.css';
import { useNodeTypes } from './node-types.ts';
import { checkConfigs } from './problems/check-configs.ts';
import { asSchema } from './config/json-schema.ts';
import { validateConfig } from './config/validate-config.ts';
import { fileIssues, mergeProblems, type ProblemSet } from './problems/problems.ts';
import { ConflictDialog, type ConflictChoice } from './saving/ConflictDialog.tsx';
import type { Conflict } from './saving/draft-saver.ts';
import { browserKeep } from './saving/local-keep.ts';
import { usePresence } from './saving/usePresence.ts';
import { useDraftSaving } from './saving/useDraftSaving.ts';
import type { WorkflowDraft } from './saving/save-over-api.ts';
import { SidePanel, type PanelName } from './SidePanel.tsx';
import { FlowCanvas } from './canvas/FlowCanvas.tsx';
import type { CanvasMarks } from './versions/canvas-marks.ts';
import { TheirChanges } from './TheirChanges.tsx';
import type { CanvasLive } from './canvas/canvas-live.ts';
import { DEFAULT_WINDOW } from './live/editor-search.ts';
import { useOpenRunStream } from './live/useOpenRunStream.ts';
import { useLiveCounts } from './live/useLiveCounts.ts';
import { TestChatPane } from './test-chat/TestChatPane.tsx';
import { initialSetup, type TestSetup } from './test-chat/TestSetupForm.tsx';
import { useTestChat } from './test-chat/useTestChat.ts';
import { versionsQueryKey } from './versions/versions-query.ts';

type Workflow = components['schemas']['Workflow'];

/** What the header shows of the workflow besides its draft; updated by every save, publish and stop. */
export type WorkflowMeta = Pick<Workflow, 'id' | 'status' | 'activeVersion' | 'hasUnpublishedChanges' | 'archivedAt' | 'updatedAt' | 'updatedBy' | 'revision'>;

function workflowQuery(api: ReturnType<typeof useApiClient>, flowId: string) {
  return {
    queryKey: ['workflow', flowId] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => expectOk(api.GET('/api/workflows/{id}', { params: { path: { id: flowId } }, signal })),
    // The editor owns the document once open: a refetch must never replace what the person is editing.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: (count: number, error: unknown) => !(error instanceof ApiRequestError && error.status < 500) && count < 2,
  };
}

/** `/flows/$flowId`: the visual editor of one flow. */
export function FlowEditorScreen({ flowId }: { readonly flowId: string }) {
  const { t } = useTranslation('flowEditor');
  const api = useApiClient();
  const workflow = useQuery(workflowQuery(api, flowId));
  const nodeTypes = useNodeTypes();
  useDocumentTitle(workflow.data?.name ?? t('title'));
  if (workflow.isError) {
    // An id that is not even a uuid (422) names no flow either.
    const missing = workflow.error instanceof ApiRequestError && (workflow.error.status === 404 || workflow.error.status === 422);
    return (
      <div className={styles.message}>
        <CircleAlert aria-hidden="true" />
        <h1>
          {missing ? t('notFound.title') : t('loadFailed', { reason: workflow.error instanceof Error ? workflow.error.message : String(workflow.error) })}
        </h1>
        {missing && <p>{t('notFound.body')}</p>}
        <Link to="/flows" className={`${buttons.button} ${buttons.secondary}`}>
          {t('notFound.back')}
        </Link>
      </div>
    );
  }
  if (workflow.data === undefined || nodeTypes.data === undefined) {
    return (
      <p className={styles.message} role="status">
        {t('loading')}
      </p>
    );
  }
  return <LoadedEditor key={flowId} workflow={workflow.data} />;
}

/**
 * What the editor opens with: the server's draft, or this browser's unsaved changes to it when
 * there are some (a reload, a crash, a tab closed offline). Changes based on the revision the
 * server still has are saved at once; changes based on an older one meet the newer save as a
 * conflict on that first save, so the person chooses rather than losing either.
 */
function openingDocument(workflow: WorkflowDraft): { definition: FlowDefinition; revision: number; recovered: boolean } {
  const server = workflow.draft as FlowDefinition;
  const kept = browserKeep<FlowDefinition>(workflow.id).read();
  if (kept === undefined || kept.baseRevision > workflow.revision || JSON.stringify(kept.definition) === JSON.stringify(server)) {
    if (kept !== undefined) browserKeep(workflow.id).clear();
    return { definition: server, revision: workflow.revision, recovered: false };
  }
  return { definition: kept.definition, revision: kept.baseRevision, recovered: true };
}

function LoadedEditor({ workflow }: { readonly workflow: WorkflowDraft }) {
  const { t } = useTranslation('flowEditor');
  const { t: shellT } = useTranslation('shell');
  const { language } = useLanguage();
  const api = useApiClient();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const nodeTypes = useNodeTypes().data;
  const [opening] = useState(() => openingDocument(workflow));
  const store = useMemo(() => createFlowStore(opening.definition), [opening]);
  const [meta, setMeta] = useState<WorkflowMeta>(workflow);
  const [serverProblems, setServerProblems] = useState<{ set: ProblemSet; checked: FlowDefinition }>(() => ({
    set: fileIssues(workflow.issues, workflow.draft as FlowDefinition),
    checked: workflow.draft as FlowDefinition,
  }));
  const [notice, setNotice] = useState<string | null>(opening.recovered ? t('recovered') : null);
  const [panel, setPanel] = useState<PanelName | null>(null);
  const [marks, setMarks] = useState<CanvasMarks | undefined>(undefined);
  const search = useSearch({ from: '/flows/$flowId' });
  const navigate = useNavigate({ from: '/flows/$flowId' });
  const liveWindow = search.window ?? DEFAULT_WINDOW;
  const { t: testT } = useTranslation('testChat');
  const [testSetup, setTestSetup] = useState<TestSetup>(() => initialSetup(testT('contact.defaultName')));

  const saving = useDraftSaving(workflow.id, { revision: opening.revision, definition: workflow.draft as FlowDefinition }, store, (draft, definition) => {
    setMeta(draft);
    setServerProblems({ set: fileIssues(draft.issues, definition), checked: definition });
  });
  const { saver } = saving;

  // Live: one runs stream for the counts of a published flow and for a test chat.
  const isPublished = meta.activeVersion !== null;
  const [streamWanted, setStreamWanted] = useState(isPublished);
  const stream = useOpenRunStream(workflow.id, streamWanted || isPublished);
  const counts = useLiveCounts(workflow.id, liveWindow, isPublished, stream);
  const testChat = useTestChat(workflow.id, () => saver.flush(), stream);
  useEffect(() => {
    if (testChat.test !== null) setStreamWanted(true);
  }, [testChat.test]);
  const live = useMemo<CanvasLive | undefined>(() => {
    // A running test's path is what the person looks at: the flow's counts would muddle it.
    if (testChat.test !== null) return testChat.path === undefined ? undefined : { path: testChat.path };
    if (counts === undefined) return undefined;
    return { counts: new Map(Object.entries(counts.nodes)), window: liveWindow };
  }, [testChat.test, testChat.path, counts, liveWindow]);

  // Recovered changes are saved as soon as the editor opens.
  useEffect(() => {
    if (opening.recovered) saver.changed(store.getState().definition);
  }, [opening, saver, store]);

  const readOnly = !canAccess(session.role, 'flows:write') || meta.archivedAt !== null;
  const viewers = usePresence(workflow.id);

  // Problems as the person types: the editor's own config checks at every change, over the server's answer to the last save.
  const { t: configT } = useTranslation('flowConfig');
  useEffect(() => {
    if (nodeTypes === undefined) return;
    const apply = (definition: FlowDefinition): void => {
      const live = checkConfigs(
        definition,
        (type) => nodeTypes.get(type),
        (schema, config) => validateConfig(asSchema(schema), config, { t: configT, language }),
      );
      const savedConfigs = new Map(serverProblems.checked.nodes.map((node) => [node.id, node.config]));
      const present = new Set(definition.nodes.map((node) => node.id));
      const current = new Map(definition.nodes.map((node) => [node.id, node.config]));
      const merged = mergeProblems(
        live,
        serverProblems.set,
        (id) => savedConfigs.get(id) !== current.get(id),
        (id) => present.has(id),
      );
      store.getState().setProblems(merged.byNode, merged.document);
    };
    apply(store.getState().definition);
    return store.subscribe((state, previous) => {
      if (state.definition !== previous.definition) apply(state.definition);
    });
  }, [configT, language, nodeTypes, serverProblems, store]);

  // A step chosen on the canvas, or a problem's "go to", opens its settings.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.focusRequest !== previous.focusRequest && state.focusRequest !== null) setPanel('step');
        else if (state.selection !== previous.selection && state.selection.nodeIds.length === 1)
          setPanel((open) => (open === null || open === 'problems' ? 'step' : open));
      }),
    [store],
  );

  // Ctrl/Cmd+S saves now: people press it out of habit, and it should do what they expect.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saver.flush().catch(() => {});
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saver]);

  const refreshLists = (): void => {
    void queryClient.invalidateQueries({ queryKey: ['workflows'] });
    void queryClient.invalidateQueries({ queryKey: versionsQueryKey(workflow.id) });
  };

  const publish = useMutation({
    mutationFn: async (note: string) => {
      await saver.flush();
      return expectOk(api.POST('/api/workflows/{id}/publish', { params: { path: { id: workflow.id } }, body: note === '' ? {} : { note } }));
    },
    onSuccess: ({ workflow: published, version }) => {
      setMeta((current) => ({ ...current, ...published }));
      setNotice(t('publish.published', { version: version.version }));
      refreshLists();
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.status === 422 && error.body?.issues !== undefined) {
        const checked = store.getState().definition;
        setServerProblems({ set: fileIssues(error.body.issues, checked), checked });
        setPanel('problems');
      }
    },
  });

  const stop = useMutation({
    mutationFn: () => expectOk(api.POST('/api/workflows/{id}/stop', { params: { path: { id: workflow.id } } })),
    onSuccess: (stopped) => {
      setMeta((current) => ({ ...current, ...stopped }));
      setNotice(t('stop.stopped'));
      refreshLists();
    },
  });

  const conflict = saving.state.kind === 'conflict' ? saving.state.conflict : null;
  const [conflictClosed, setConflictClosed] = useState<Conflict | null>(null);
  const theirs = useQuery({
    queryKey: ['workflow-conflict', workflow.id, conflict?.currentRevision],
    queryFn: () => expectOk(api.GET('/api/workflows/{id}', { params: { path: { id: workflow.id } } })),
    enabled: conflict !== null,
    staleTime: 0,
  });
  const resolve = useMutation({
    mutationFn: async (choice: ConflictChoice): Promise<void> => {
      const latest = theirs.data ?? (await expectOk(api.GET('/api/workflows/{id}', { params: { path: { id: workflow.id } } })));
      const mine = store.getState().definition;
      if (choice === 'theirs') {
        saving.adopt(latest.draft as FlowDefinition, latest.revision);
        setMeta(latest);
        setServerProblems({ set: fileIssues(latest.issues, latest.draft as FlowDefinition), checked: latest.draft as FlowDefinition });
      } else if (choice === 'mine') {
        saver.resolveConflict(latest.revision, mine);
      } else {
        const copy = await expectOk(
          api.POST('/api/workflows', { body: { ...mine, name: t('conflict.copyName', { name: mine.name }) } as Record<string, unknown> }),
        );
        // This flow goes back to theirs; the person's changes live on in the copy, which opens now.
        saving.adopt(latest.draft as FlowDefinition, latest.revision);
        refreshLists();
        window.location.assign(`/flows/${copy.id}`);
      }
    },
  });

  return (
    <FlowStoreProvider store={store}>
      <div className={styles.editor} data-testid="flow-editor" data-full-bleed>
        <EditorToolbar
          meta={meta}
          readOnly={readOnly}
          saving={saving}
          viewers={viewers}
          panel={panel}
          onPanel={setPanel}
          onResolveConflict={() => setConflictClosed(null)}
          publish={publish}
          stop={stop}
          liveWindow={isPublished && testChat.test === null ? liveWindow : undefined}
          onLiveWindow={(next) => void navigate({ search: (previous) => ({ ...previous, window: next === DEFAULT_WINDOW ? undefined : next }), replace: true })}
          isTesting={testChat.test !== null}
        />
        {(notice !== null || readOnly || saving.storageUnavailable) && (
          <div className={styles.notices}>
            {readOnly && (
              <p className={styles.notice}>
                <Info size={16} aria-hidden="true" />
                {meta.archivedAt !== null ? t('archivedNotice') : t('readOnly', { role: shellT(`account.roles.${session.role}`) })}
              </p>
            )}
            {saving.storageUnavailable && (
              <p className={styles.notice} data-tone="warning">
                <CircleAlert size={16} aria-hidden="true" />
                {t('save.storageUnavailable')}
              </p>
            )}
            {notice !== null && (
              <p className={styles.notice} role="status">
                <Info size={16} aria-hidden="true" />
                {notice}
                <button type="button" className={styles.dismiss} onClick={() => setNotice(null)} aria-label={t('panels.close')}>
                  ×
                </button>
              </p>
            )}
          </div>
        )}
        <div className={styles.body}>
          <div className={styles.canvas}>
            <FlowCanvas readOnly={readOnly} {...(marks === undefined ? {} : { marks })} {...(live === undefined ? {} : { live })} />
          </div>
          {panel !== null && (
            <SidePanel
              panel={panel}
              onPanel={setPanel}
              workflowId={workflow.id}
              revision={() => saver.revision}
              readOnly={readOnly}
              activeVersion={meta.activeVersion}
              onShowDiff={(next) => setMarks(next ?? undefined)}
              // A restore refused because someone saved since is the same conflict a save would meet.
              onConflict={(found) => saver.conflictFound(found)}
              testChat={<TestChatPane chat={testChat} setup={testSetup} onSetup={setTestSetup} onShowProblems={() => setPanel('problems')} />}
              onRestored={(restored, version) => {
                saving.adopt(restored.draft as FlowDefinition, restored.revision, { undoable: t('restored', { version }) });
                setMeta(restored);
                setServerProblems({ set: fileIssues(restored.issues, restored.draft as FlowDefinition), checked: restored.draft as FlowDefinition });
                setMarks(undefined);
                setNotice(t('restored', { version }));
                refreshLists();
              }}
            />
          )}
        </div>
        {conflict !== null && conflictClosed !== conflict && (
          <ConflictDialog
            onClose={() => setConflictClosed(conflict)}
            conflict={conflict}
            theirChanges={<TheirChanges before={saving.base()} after={theirs.data?.draft as FlowDefinition | undefined} />}
            pending={resolve.isPending ? (resolve.variables ?? null) : null}
            error={resolve.error}
            onChoose={(choice) => resolve.mutate(choice)}
          />
        )}
      </div>
    </FlowStoreProvider>
  );
}
