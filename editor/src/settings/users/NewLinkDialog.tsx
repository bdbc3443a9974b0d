import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../../api/api-request-error.ts';
import type { User } from '../../api/client.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import buttons from '../../ui/buttons.module.css';
import { FormError } from '../../ui/FormError.tsx';
import forms from '../../ui/forms.module.css';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { InviteLink } from './InviteLink.tsx';

/**
 * A new link for a person (`POST /api/users/:id/invite`): a fresh invite for someone who has not
 * accepted theirs, a password reset for someone active. Asked for first, since anyone holding the
 * link can set the password; then shown once.
 */
export function NewLinkDialog({ user, onClose }: { readonly user: User; onClose(): void }) {
  const { t } = useTranslation('settings');
  const api = useApiClient();
  const create = useMutation({ mutationFn: () => expectOk(api.POST('/api/users/{id}/invite', { params: { path: { id: user.id } } })) });
  const isInvite = user.status === 'invited';
  return (
    <ModalDialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={isInvite ? t('link.inviteTitle', { name: user.name }) : t('link.resetTitle', { name: user.name })}
      description={isInvite ? t('link.inviteIntro', { name: user.name }) : t('link.resetIntro', { name: user.name })}
    >
      {create.data === undefined ? (
        <>
          <FormError error={create.error} />
          <div className={forms.actions}>
            <button type="button" className={buttons.secondary} onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="button" className={buttons.primary} disabled={create.isPending} onClick={() => create.mutate()}>
              {t('link.create')}
            </button>
          </div>
        </>
      ) : (
        <>
          <InviteLink name={user.name} url={create.data.url} expiresAt={create.data.expiresAt} />
          <div className={forms.actions}>
            <button type="button" className={buttons.primary} onClick={onClose}>
              {t('link.done')}
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
