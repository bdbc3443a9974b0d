import { useQuery } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { VisuallyHidden } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenInfo } from '../../api/client.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { useDocumentTitle } from '../../shell/useDocumentTitle.ts';
import buttons from '../../ui/buttons.module.css';
import { FormError } from '../../ui/FormError.tsx';
import table from '../../ui/table.module.css';
import { TimeAgo } from '../../ui/TimeAgo.tsx';
import page from '../settings-page.module.css';
import { CreateTokenDialog } from './CreateTokenDialog.tsx';
import { RevokeTokenDialog } from './RevokeTokenDialog.tsx';
import { tokensQuery } from './tokens-query.ts';

/** `/settings/tokens`: the API tokens scripts and integrations use, each carrying its owner's role. */
export function TokensScreen() {
  const { t } = useTranslation('settings');
  const { t: tShell } = useTranslation('shell');
  useDocumentTitle(t('tokens.documentTitle'));
  const api = useApiClient();
  const format = useFormat();
  const tokens = useQuery(tokensQuery(api));
  const [isCreating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenInfo | undefined>();

  return (
    <section className={page.section} aria-labelledby="tokens-heading">
      <div className={page.toolbar}>
        <div className={page.toolbarText}>
          <h2 id="tokens-heading" className={page.toolbarTitle}>
            {t('tokens.title')}
          </h2>
          <p className={page.toolbarIntro}>{t('tokens.intro')}</p>
        </div>
        <button type="button" className={buttons.primary} onClick={() => setCreating(true)}>
          <Plus size={16} aria-hidden="true" />
          {t('tokens.create')}
        </button>
      </div>

      {tokens.isError && <FormError error={tokens.error} />}
      <div className={table.frame}>
        <table className={table.table}>
          <thead>
            <tr>
              <th scope="col">{t('tokens.columns.name')}</th>
              <th scope="col">{t('tokens.columns.owner')}</th>
              <th scope="col" className={table.wideOnly}>
                {t('tokens.columns.role')}
              </th>
              <th scope="col" className={table.wideOnly}>
                {t('tokens.columns.created')}
              </th>
              <th scope="col" className={table.wideOnly}>
                {t('tokens.columns.lastUsed')}
              </th>
              <th scope="col" className={table.actionsCell}>
                <VisuallyHidden.Root>{t('tokens.columns.actions')}</VisuallyHidden.Root>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.isPending && (
              <tr>
                <td colSpan={6} className={table.empty} role="status">
                  {t('tokens.loading')}
                </td>
              </tr>
            )}
            {tokens.data?.length === 0 && (
              <tr>
                <td colSpan={6} className={table.empty}>
                  {t('tokens.empty')}
                </td>
              </tr>
            )}
            {tokens.data?.map((token) => (
              <tr key={token.id}>
                <td>
                  <strong>{token.name}</strong>
                </td>
                <td>
                  <div className={table.primaryCell}>
                    {token.user === null ? <span className={table.muted}>{t('tokens.noOwner')}</span> : <span>{token.user.name}</span>}
                    <span className={`${table.secondary} ${table.narrowOnly}`}>{tShell(`account.roles.${token.role}`)}</span>
                  </div>
                </td>
                <td className={`${table.wideOnly} ${table.nowrap}`}>{tShell(`account.roles.${token.role}`)}</td>
                <td className={`${table.wideOnly} ${table.nowrap}`}>
                  <time dateTime={token.createdAt} title={format.dateTime(token.createdAt)}>
                    {format.date(token.createdAt)}
                  </time>
                </td>
                <td className={`${table.wideOnly} ${table.nowrap}`}>
                  {token.lastUsedAt === null ? <span className={table.muted}>{t('tokens.neverUsed')}</span> : <TimeAgo value={token.lastUsedAt} />}
                </td>
                <td className={table.actionsCell}>
                  <button type="button" className={buttons.icon} aria-label={t('tokens.revokeButton', { name: token.name })} onClick={() => setRevoking(token)}>
                    <Trash2 size={16} aria-hidden="true" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <CreateTokenDialog open={isCreating} onClose={() => setCreating(false)} />
      {revoking !== undefined && <RevokeTokenDialog token={revoking} onClose={() => setRevoking(undefined)} />}
    </section>
  );
}
