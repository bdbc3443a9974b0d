import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { CircleCheck, LayoutTemplate, Plus, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { canAccess } from '../session/access.ts';
import { useSignedInSession } from '../session/useSignedInSession.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import buttons from '../ui/buttons.module.css';
import { FormError } from '../ui/FormError.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ArchiveFlowDialog } from './ArchiveFlowDialog.tsx';
import { copyName } from './copy-name.ts';
import { CreateFlowDialog } from './CreateFlowDialog.tsx';
import type { FlowAction } from './FlowActions.tsx';
import { FlowCards } from './FlowCards.tsx';
import { FlowsEmpty } from './FlowsEmpty.tsx';
import { FlowsTable } from './FlowsTable.tsx';
import { FlowsToolbar } from './FlowsToolbar.tsx';
import type { WorkflowSummary } from './flow-status.ts';
import styles from './flows.module.css';
import { flowsQuery, flowsQueryKey } from './flows-query.ts';
import { type FlowsSearch, isFiltered, listFilters } from './flows-search.ts';
import { RenameFlowDialog } from './RenameFlowDialog.tsx';
import { useMediaQuery } from './useMediaQuery.ts';

type OpenDialog = { readonly kind: 'create' } | { readonly kind: 'rename' | 'archive'; readonly flow: WorkflowSummary } | undefined;

/**
 * `/flows`: every flow with its state, its published version, who edited it last and its runs of
 * the last day; search and a status filter kept in the address; create, rename, duplicate,
 * archive and restore for the people who may change flows.
 */
export function FlowsScreen() {
  const { t } = useTranslation('flows');
  useDocumentTitle(t('title'));
  const api = useApiClient();
  const session = useSignedInSession();
  const canWrite = canAccess(session.role, 'flows:write');
  const search = useSearch({ from: '/flows' });
  const navigate = useNavigate({ from: '/flows' });
  const isNarrow = useMediaQuery('(max-width: 800px)');
  const queryClient = useQueryClient();
  const flows = useQuery(flowsQuery(api, listFilters(search)));
  const [dialog, setDialog] = useState<OpenDialog>();
  const [copied, setCopied] = useState<{ id: string; name: string }>();
  const close = (): void => setDialog(undefined);

  const setSearch = (next: FlowsSearch): void => void navigate({ search: next, replace: true });

  const duplicate = useMutation({
    mutationFn: (flow: WorkflowSummary) =>
      expectOk(
        api.POST('/api/workflows/{id}/duplicate', {
          params: { path: { id: flow.id } },
          body: { name: copyName(flow.name, (name) => t('duplicateName', { name })) },
        }),
      ),
    onMutate: () => setCopied(undefined),
    onSuccess: async (copy) => {
      await queryClient.invalidateQueries({ queryKey: flowsQueryKey });
      setCopied({ id: copy.id, name: copy.name });
    },
  });

  const choose = (flow: WorkflowSummary, action: FlowAction): void => {
    if (action === 'duplicate') duplicate.mutate(flow);
    else setDialog({ kind: action, flow });
  };

  const list = flows.data ?? [];
  const List = isNarrow ? FlowCards : FlowsTable;

  return (
    <div className={styles.screen}>
      <PageHeader
        title={t('title')}
        intro={search.archived === true ? t('archivedIntro') : t('intro')}
        actions={
          canWrite && (
            <>
              <Link to="/templates" className={buttons.secondary}>
                <LayoutTemplate size={16} aria-hidden="true" />
                {t('fromTemplate')}
              </Link>
              <button type="button" className={buttons.primary} onClick={() => setDialog({ kind: 'create' })}>
                <Plus size={16} aria-hidden="true" />
                {t('create')}
              </button>
            </>
          )
        }
      />

      <FlowsToolbar search={search} onSearch={setSearch} />

      <div aria-live="polite" className={styles.notices}>
        {copied !== undefined && (
          <div className={styles.notice}>
            <CircleCheck size={18} aria-hidden="true" />
            <p>
              {t('duplicated', { name: copied.name })}{' '}
              <Link to="/flows/$flowId" params={{ flowId: copied.id }}>
                {t('openCopy')}
              </Link>
            </p>
            <button type="button" className={buttons.icon} aria-label={t('dismiss')} onClick={() => setCopied(undefined)}>
              <X size={16} aria-hidden="true" />
            </button>
          </div>
        )}
      </div>
      <FormError error={duplicate.error} />
      {flows.isError && <FormError error={flows.error} />}

      {flows.isPending ? (
        <p className={styles.loading} role="status">
          {t('loading')}
        </p>
      ) : list.length === 0 && !flows.isError ? (
        <FlowsEmpty
          search={search}
          isFiltered={isFiltered(search)}
          canWrite={canWrite}
          onCreate={() => setDialog({ kind: 'create' })}
          onClearFilters={() => setSearch(search.archived === true ? { archived: true } : {})}
        />
      ) : (
        <div className={styles.results} aria-busy={flows.isPlaceholderData}>
          <p className={styles.count} role="status">
            {t('count', { count: list.length })}
          </p>
          <List flows={list} canWrite={canWrite} onChoose={choose} />
        </div>
      )}

      {canWrite && <CreateFlowDialog open={dialog?.kind === 'create'} onClose={close} />}
      {dialog?.kind === 'rename' && <RenameFlowDialog flow={dialog.flow} onClose={close} />}
      {dialog?.kind === 'archive' && <ArchiveFlowDialog flow={dialog.flow} onClose={close} />}
    </div>
  );
}
