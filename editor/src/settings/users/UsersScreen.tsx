import { useQuery } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { VisuallyHidden } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/client.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { useSignedInSession } from '../../session/useSignedInSession.ts';
import { useDocumentTitle } from '../../shell/useDocumentTitle.ts';
import { Badge, type BadgeTone } from '../../ui/Badge.tsx';
import buttons from '../../ui/buttons.module.css';
import { FormError } from '../../ui/FormError.tsx';
import table from '../../ui/table.module.css';
import { TimeAgo } from '../../ui/TimeAgo.tsx';
import page from '../settings-page.module.css';
import { ChangeRoleDialog } from './ChangeRoleDialog.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { NewLinkDialog } from './NewLinkDialog.tsx';
import { SetActiveDialog } from './SetActiveDialog.tsx';
import { type UserAction, UserActions } from './UserActions.tsx';
import { usersQuery } from './users-query.ts';

const statusTones: Record<User['status'], BadgeTone> = { active: 'ok', invited: 'warning', deactivated: 'neutral' };

type OpenDialog = { readonly kind: 'invite' } | { readonly kind: UserAction; readonly user: User } | undefined;

/** `/settings/users`: everyone with an account; invite, change a role, deactivate, send a new link. */
export function UsersScreen() {
  const { t } = useTranslation('settings');
  const { t: tShell } = useTranslation('shell');
  useDocumentTitle(t('users.documentTitle'));
  const api = useApiClient();
  const session = useSignedInSession();
  const users = useQuery(usersQuery(api));
  const [dialog, setDialog] = useState<OpenDialog>();
  const close = (): void => setDialog(undefined);

  return (
    <section className={page.section} aria-labelledby="users-heading">
      <div className={page.toolbar}>
        <div className={page.toolbarText}>
          <h2 id="users-heading" className={page.toolbarTitle}>
            {t('users.title')}
          </h2>
          <p className={page.toolbarIntro}>{users.data === undefined ? t('users.intro') : t('users.count', { count: users.data.length })}</p>
        </div>
        <button type="button" className={buttons.primary} onClick={() => setDialog({ kind: 'invite' })}>
          <UserPlus size={16} aria-hidden="true" />
          {t('users.invite')}
        </button>
      </div>

      {users.isError && <FormError error={users.error} />}
      <div className={table.frame}>
        <table className={table.table}>
          <thead>
            <tr>
              <th scope="col">{t('users.columns.person')}</th>
              <th scope="col" className={table.wideOnly}>
                {t('users.columns.role')}
              </th>
              <th scope="col">{t('users.columns.status')}</th>
              <th scope="col" className={table.wideOnly}>
                {t('users.columns.lastSignIn')}
              </th>
              <th scope="col" className={table.actionsCell}>
                <VisuallyHidden.Root>{t('users.columns.actions')}</VisuallyHidden.Root>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.isPending && (
              <tr>
                <td colSpan={5} className={table.empty} role="status">
                  {t('users.loading')}
                </td>
              </tr>
            )}
            {users.data?.map((user) => (
              <tr key={user.id}>
                <td>
                  <div className={table.primaryCell}>
                    <strong>
                      {user.name}
                      {user.id === session.userId && <span className={table.muted}> {t('users.you')}</span>}
                    </strong>
                    <span className={table.secondary}>{user.email}</span>
                    <span className={`${table.secondary} ${table.narrowOnly}`}>{tShell(`account.roles.${user.role}`)}</span>
                  </div>
                </td>
                <td className={`${table.wideOnly} ${table.nowrap}`}>{tShell(`account.roles.${user.role}`)}</td>
                <td>
                  <Badge tone={statusTones[user.status]}>{t(`users.status.${user.status}`)}</Badge>
                </td>
                <td className={`${table.wideOnly} ${table.nowrap}`}>
                  {user.lastSignedInAt === null ? <span className={table.muted}>{t('users.never')}</span> : <TimeAgo value={user.lastSignedInAt} />}
                </td>
                <td className={table.actionsCell}>
                  <UserActions user={user} isSelf={user.id === session.userId} onChoose={(kind) => setDialog({ kind, user })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <InviteDialog open={dialog?.kind === 'invite'} onClose={close} />
      {dialog !== undefined && dialog.kind !== 'invite' && (
        <>
          {dialog.kind === 'role' && <ChangeRoleDialog user={dialog.user} onClose={close} />}
          {dialog.kind === 'link' && <NewLinkDialog user={dialog.user} onClose={close} />}
          {(dialog.kind === 'deactivate' || dialog.kind === 'reactivate') && (
            <SetActiveDialog user={dialog.user} isActive={dialog.kind === 'reactivate'} onClose={close} />
          )}
        </>
      )}
    </section>
  );
}
