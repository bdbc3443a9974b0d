import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CircleAlert } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, expectOk } from '../api/api-request-error.ts';
import type { components } from '../api/schema.d.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { FlowCanvas } from '../flow-editor/canvas/FlowCanvas.tsx';
import { createFlowStore, type FlowDefinition, FlowStoreProvider } from '../flow-editor/document/flow-store.ts';
import { testPath } from '../flow-editor/test-chat/test-path.ts';
import { versionsQuery } from '../flow-editor/versions/versions-query.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { canAccess } from '../session/access.ts';
import { useSignedInSession } from '../session/useSignedInSession.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { Badge } from '../ui/Badge.tsx';
import buttons from '../ui/buttons.module.css';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { TimeAgo } from '../ui/TimeAgo.tsx';
import { formatDuration, isInFlight, STATUS_TONE } from './run-format.ts';
import { runQuery, runsQueryKey } from './runs-query.ts';
import styles from './runs.module.css';
import { StepDetail } from './StepDetail.tsx';
import { useRunsLive } from './useRunsLive.ts';

type Run = components['schemas']['Run'];
type Wait = components['schemas']['Wait'];

/** `/runs/<id>`: the run on the version it is pinned to, with its path, its waits and its steps; live while in flight. */
export function RunScreen({ runId }: { readonly runId: string }) {
  const { t } = useTranslation('runs');
  const api = useApiClient();
  const { language } = useLanguage();
  const [live, setLive] = useState(false);
  // In flight, the runs stream says when to re-fetch; without the stream, a poll every 3 s.
  const run = useQuery({
    ...runQuery(api, runId, language),
    refetchInterval: (query) => (query.state.data !== undefined && isInFlight(query.state.data.run.status) && !live ? 3000 : false),
  });
  const inFlight = run.data !== undefined && isInFlight(run.data.run.status);
  const connected = useRunsLive({ runId }, [...runsQueryKey, 'run', runId], inFlight);
  if (connected !== live) setLive(connected);
  useDocumentTitle(t('run.title', { id: runId.slice(0, 8) }));
  const data = run.data;
  if (run.isError) {
    const missing = run.error instanceof ApiRequestError && (run.error.status === 404 || run.error.status === 422);
    return (
      <div className={styles.message}>
        <CircleAlert aria-hidden="true" />
        <h1>{missing ? t('run.notFound', { id: runId }) : String(run.error instanceof Error ? run.error.message : run.error)}</h1>
        <Link to="/runs" className={`${buttons.button} ${buttons.secondary}`}>
          {t('run.back')}
        </Link>
      </div>
    );
  }
  if (data === undefined) {
    return (
      <p className={styles.message} role="status">
        {t('run.loading')}
      </p>
    );
  }
  return <LoadedRun run={data.run} steps={data.steps} waits={data.waits} />;
}

function LoadedRun({ run, steps, waits }: { readonly run: Run; readonly steps: readonly components['schemas']['Step'][]; readonly waits: readonly Wait[] }) {
  const { t } = useTranslation('runs');
  const session = useSignedInSession();
  const canWrite = canAccess(session.role, 'flows:write');
  const [selected, setSelected] = useState<string | null>(null);
  const step = steps.find((candidate) => candidate.id === selected) ?? steps.at(-1);
  const path = useMemo(() => testPath([{ run, steps }]), [run, steps]);
  const pending = waits.filter((wait) => wait.status === 'pending');

  return (
    <div className={styles.runScreen}>
      <header className={styles.runHeader}>
        <div>
          <p className={styles.crumbs}>
            <Link to="/runs">{t('run.back')}</Link>
            {' · '}
            <Link to="/runs" search={{ flow: run.workflowId }}>
              {t('run.ofFlow', { name: run.workflowName, version: run.version })}
            </Link>
          </p>
          <h1 id="screen-title" className={styles.runTitle}>
            {run.subjectLabel ?? run.subject ?? t('run.title', { id: run.id.slice(0, 8) })}{' '}
            <Badge tone={STATUS_TONE[run.status]}>{t(`status.${run.status}`)}</Badge>
          </h1>
          <dl className={styles.facts}>
            <div>
              <dt>{t('run.started')}</dt>
              <dd>
                <TimeAgo value={run.createdAt} />
              </dd>
            </div>
            <div>
              <dt>{t('run.duration')}</dt>
              <dd>{run.durationMs === null ? t('inFlight') : formatDuration(run.durationMs)}</dd>
            </div>
            {run.attempt > 1 && (
              <div>
                <dt>{t('step.attempt')}</dt>
                <dd>{run.attempt}</dd>
              </div>
            )}
          </dl>
          {run.error !== null && (
            <p className={styles.runError} role="alert">
              <strong>{run.error.code}</strong> {run.error.message}
            </p>
          )}
        </div>
        {canWrite && <RunActions run={run} />}
      </header>
      {pending.length > 0 && (
        <section className={styles.waits} aria-labelledby="waits-title">
          <h2 id="waits-title">{t('run.waits')}</h2>
          <ul>
            {pending.map((wait) => (
              <li key={wait.id}>
                <strong>{wait.nodeId}</strong>: <WaitText wait={wait} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className={styles.runBody}>
        <VersionCanvas workflowId={run.workflowId} version={run.version} path={path} />
        <section className={styles.stepsPane} aria-labelledby="steps-title">
          <h2 id="steps-title">{t('run.steps')}</h2>
          {steps.length === 0 ? (
            <p>{t('run.noSteps')}</p>
          ) : (
            <ol className={styles.stepList}>
              {steps.map((candidate) => (
                <li key={candidate.id}>
                  <button
                    type="button"
                    className={styles.stepButton}
                    aria-pressed={candidate.id === step?.id}
                    data-status={candidate.status}
                    onClick={() => setSelected(candidate.id)}
                  >
                    <span>{t('run.stepLabel', { node: candidate.nodeId, visit: candidate.visit })}</span>
                    <span className={styles.stepMeta}>
                      {candidate.retry && <Badge tone="primary">{t('run.retryStep')}</Badge>}
                      <Badge tone={candidate.status === 'failed' ? 'danger' : candidate.status === 'completed' ? 'ok' : 'warning'}>
                        {t(`step.statuses.${candidate.status}`)}
                      </Badge>
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          {step !== undefined && <StepDetail step={step} />}
        </section>
      </div>
    </div>
  );
}

function WaitText({ wait }: { readonly wait: Wait }) {
  const { t } = useTranslation('runs');
  const when = wait.resumeAt === null ? null : <TimeAgo value={wait.resumeAt} />;
  if (wait.signalKey !== null && when !== null)
    return (
      <>
        {t('run.waitSignal', { key: wait.signalKey })}, {when}
      </>
    );
  if (wait.signalKey !== null) return <>{t('run.waitSignal', { key: wait.signalKey })}</>;
  return (
    <>
      {t('run.waitDeadline', { when: '' })}
      {when}
    </>
  );
}

/** The pinned version, read-only, with the run's path drawn over it (canvas-live's `path`). */
function VersionCanvas({ workflowId, version, path }: { readonly workflowId: string; readonly version: number; readonly path: ReturnType<typeof testPath> }) {
  const { t } = useTranslation('runs');
  const api = useApiClient();
  const versions = useQuery(versionsQuery(api, workflowId));
  const definition = versions.data?.find((candidate) => candidate.version === version)?.definition as FlowDefinition | undefined;
  const store = useMemo(() => (definition === undefined ? undefined : createFlowStore(definition)), [definition]);
  const live = useMemo(() => ({ path }), [path]);
  return (
    <section className={styles.canvas} aria-label={t('run.canvasLabel', { version })}>
      {store === undefined ? (
        <p role="status">{t('run.loading')}</p>
      ) : (
        <FlowStoreProvider store={store}>
          <FlowCanvas readOnly live={live} />
        </FlowStoreProvider>
      )}
    </section>
  );
}

function RunActions({ run }: { readonly run: Run }) {
  const { t } = useTranslation('runs');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<'cancel' | 'retry' | null>(null);
  const done = () => {
    setAsking(null);
    void queryClient.invalidateQueries({ queryKey: runsQueryKey });
  };
  const cancel = useMutation({
    mutationFn: () => expectOk(api.POST('/api/runs/{id}/cancel', { params: { path: { id: run.id } } })),
    onSuccess: done,
  });
  const retry = useMutation({
    mutationFn: () => expectOk(api.POST('/api/runs/{id}/retry', { params: { path: { id: run.id } } })),
    onSuccess: done,
  });
  return (
    <div className={styles.actions}>
      {isInFlight(run.status) && (
        <button type="button" className={`${buttons.button} ${buttons.danger}`} onClick={() => setAsking('cancel')}>
          {t('run.cancel')}
        </button>
      )}
      {run.status === 'failed' && (
        <button type="button" className={`${buttons.button} ${buttons.primary}`} onClick={() => setAsking('retry')}>
          {t('run.retry')}
        </button>
      )}
      <ConfirmDialog
        open={asking === 'cancel'}
        onOpenChange={(open) => setAsking(open ? 'cancel' : null)}
        title={t('run.cancelTitle')}
        description={t('run.cancelBody')}
        confirm={t('run.cancelConfirm')}
        isDestructive
        isPending={cancel.isPending}
        error={cancel.error}
        errorMessages={{ RUN_NOT_CANCELLABLE: t('run.notCancellable') }}
        onConfirm={() => cancel.mutate()}
      />
      <ConfirmDialog
        open={asking === 'retry'}
        onOpenChange={(open) => setAsking(open ? 'retry' : null)}
        title={t('run.retryTitle')}
        description={t('run.retryBody', { node: run.atNode ?? '' })}
        confirm={t('run.retryConfirm')}
        isPending={retry.isPending}
        error={retry.error}
        errorMessages={{ RUN_NOT_RETRYABLE: t('run.notRetryable') }}
        onConfirm={() => retry.mutate()}
      />
    </div>
  );
}
