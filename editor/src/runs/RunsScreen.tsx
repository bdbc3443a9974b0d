import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { Badge } from '../ui/Badge.tsx';
import buttons from '../ui/buttons.module.css';
import forms from '../ui/forms.module.css';
import { PageHeader } from '../ui/PageHeader.tsx';
import table from '../ui/table.module.css';
import { TimeAgo } from '../ui/TimeAgo.tsx';
import { formatDuration, isInFlight, STATUS_TONE } from './run-format.ts';
import { runsQuery, runsQueryKey } from './runs-query.ts';
import { isFiltered, listFilters, RUN_PERIODS, RUN_STATUSES, type RunsSearch } from './runs-search.ts';
import styles from './runs.module.css';
import { useRunsLive } from './useRunsLive.ts';

/** `/runs`: every run, newest first, narrowed by what the address says, kept current by the runs stream. */
export function RunsScreen() {
  const { t } = useTranslation('runs');
  const api = useApiClient();
  const search = useSearch({ from: '/runs' });
  const navigate = useNavigate({ from: '/runs' });
  // The moment the list was opened: `period` becomes one `since` that every page agrees on.
  const [openedAt] = useState(() => Date.now());
  const filters = listFilters(search, openedAt);
  const flows = useQuery({
    queryKey: ['workflows', 'for-run-filter'],
    queryFn: ({ signal }) => expectOk(api.GET('/api/workflows', { signal })),
    staleTime: 60_000,
  });
  const flowName = search.flow === undefined ? undefined : flows.data?.find((flow) => flow.id === search.flow)?.name;
  const title = flowName === undefined ? t('title') : t('forFlow', { name: flowName });
  useDocumentTitle(title);
  const live = useRunsLive(search.flow === undefined ? {} : { workflowId: search.flow }, runsQueryKey);
  const runs = useInfiniteQuery({ ...runsQuery(api, filters), refetchInterval: live ? false : 5000 });
  const setSearch = (next: Partial<RunsSearch>) => void navigate({ search: (previous) => clean({ ...previous, ...next }), replace: true });
  const ids = { status: useId(), flow: useId(), subject: useId(), period: useId() };
  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];

  return (
    <div className={styles.screen}>
      <PageHeader
        title={title}
        intro={t('intro')}
        actions={
          <span className={styles.liveNote} role="status">
            {live ? t('live') : t('notLive')}
          </span>
        }
      />
      <form className={styles.filters} aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <div className={forms.field}>
          <label htmlFor={ids.status} className={forms.label}>
            {t('filters.status')}
          </label>
          <select
            id={ids.status}
            className={forms.input}
            value={search.status ?? ''}
            onChange={(event) =>
              setSearch({ status: (RUN_STATUSES as readonly string[]).includes(event.target.value) ? (event.target.value as RunsSearch['status']) : undefined })
            }
          >
            <option value="">{t('filters.any')}</option>
            {RUN_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={forms.field}>
          <label htmlFor={ids.flow} className={forms.label}>
            {t('filters.flow')}
          </label>
          <select id={ids.flow} className={forms.input} value={search.flow ?? ''} onChange={(event) => setSearch({ flow: event.target.value || undefined })}>
            <option value="">{t('filters.anyFlow')}</option>
            {(flows.data ?? []).map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </div>
        <div className={forms.field}>
          <label htmlFor={ids.subject} className={forms.label}>
            {t('filters.subject')}
          </label>
          <input
            id={ids.subject}
            className={forms.input}
            defaultValue={search.subject ?? ''}
            placeholder={t('filters.subjectHint')}
            onBlur={(event) => setSearch({ subject: event.target.value.trim() || undefined })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') setSearch({ subject: event.currentTarget.value.trim() || undefined });
            }}
          />
        </div>
        <div className={forms.field}>
          <label htmlFor={ids.period} className={forms.label}>
            {t('filters.period')}
          </label>
          <select
            id={ids.period}
            className={forms.input}
            value={search.period ?? ''}
            onChange={(event) =>
              setSearch({ period: (RUN_PERIODS as readonly string[]).includes(event.target.value) ? (event.target.value as RunsSearch['period']) : undefined })
            }
          >
            <option value="">{t('filters.any')}</option>
            {RUN_PERIODS.map((period) => (
              <option key={period} value={period}>
                {t(`filters.periods.${period}`)}
              </option>
            ))}
          </select>
        </div>
        {isFiltered(search) && (
          <button type="button" className={`${buttons.button} ${buttons.secondary}`} onClick={() => void navigate({ search: {}, replace: true })}>
            {t('filters.clear')}
          </button>
        )}
      </form>
      {runs.isError ? (
        <p role="alert" className={forms.alert}>
          {t('loadFailed', { reason: runs.error instanceof Error ? runs.error.message : String(runs.error) })}
        </p>
      ) : runs.data === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p className={table.empty}>{isFiltered(search) ? t('emptyFiltered') : t('empty')}</p>
      ) : (
        <div className={table.frame}>
          <table className={table.table} aria-labelledby="screen-title">
            <thead>
              <tr>
                <th scope="col">{t('columns.status')}</th>
                <th scope="col">{t('columns.subject')}</th>
                <th scope="col">{t('columns.flow')}</th>
                <th scope="col">{t('columns.version')}</th>
                <th scope="col">{t('columns.started')}</th>
                <th scope="col">{t('columns.duration')}</th>
                <th scope="col">{t('columns.at')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Badge tone={STATUS_TONE[run.status]}>{t(`status.${run.status}`)}</Badge>
                  </td>
                  <td>
                    <div className={table.primaryCell}>
                      <Link to="/runs/$runId" params={{ runId: run.id }}>
                        {run.subjectLabel ?? run.subject ?? t('noSubject')}
                      </Link>
                    </div>
                  </td>
                  <td>{run.workflowName}</td>
                  <td className={table.nowrap}>{t('version', { version: run.version })}</td>
                  <td className={table.nowrap}>
                    <TimeAgo value={run.createdAt} />
                  </td>
                  <td className={table.nowrap}>{run.durationMs === null ? (isInFlight(run.status) ? t('inFlight') : '') : formatDuration(run.durationMs)}</td>
                  <td>{run.atNode === null ? '' : run.status === 'failed' ? t('failedAt', { node: run.atNode }) : t('atNode', { node: run.atNode })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs.hasNextPage && (
        <button
          type="button"
          className={`${buttons.button} ${buttons.secondary} ${styles.older}`}
          disabled={runs.isFetchingNextPage}
          onClick={() => void runs.fetchNextPage()}
        >
          {runs.isFetchingNextPage ? t('loadingOlder') : t('older')}
        </button>
      )}
    </div>
  );
}

function clean(search: RunsSearch): RunsSearch {
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as RunsSearch;
}
