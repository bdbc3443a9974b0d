import { Link2, MoreHorizontal, ShieldCheck, UserCheck, UserX } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/client.ts';
import buttons from '../../ui/buttons.module.css';
import menus from '../../shell/menus.module.css';

export type UserAction = 'role' | 'link' | 'deactivate' | 'reactivate';

/** A person's row menu: what an administrator may do to their account now. Each opens a dialog. */
export function UserActions({ user, isSelf, onChoose }: { readonly user: User; readonly isSelf: boolean; onChoose(action: UserAction): void }) {
  const { t } = useTranslation('settings');
  const isDeactivated = user.status === 'deactivated';
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttons.icon} aria-label={t('users.actions.menu', { name: user.name })}>
        <MoreHorizontal size={18} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className={menus.content} align="end" sideOffset={4}>
          <DropdownMenu.Item className={menus.item} onSelect={() => onChoose('role')}>
            <ShieldCheck size={16} aria-hidden="true" />
            <span>{t('users.actions.role')}</span>
          </DropdownMenu.Item>
          {!isDeactivated && (
            <DropdownMenu.Item className={menus.item} onSelect={() => onChoose('link')}>
              <Link2 size={16} aria-hidden="true" />
              <span>{user.status === 'invited' ? t('users.actions.newInvite') : t('users.actions.resetLink')}</span>
            </DropdownMenu.Item>
          )}
          {/* Deactivating yourself would end the very session doing it; another administrator can. */}
          {!isSelf && (
            <>
              <DropdownMenu.Separator className={menus.separator} />
              {isDeactivated ? (
                <DropdownMenu.Item className={menus.item} onSelect={() => onChoose('reactivate')}>
                  <UserCheck size={16} aria-hidden="true" />
                  <span>{t('users.actions.reactivate')}</span>
                </DropdownMenu.Item>
              ) : (
                <DropdownMenu.Item className={menus.dangerItem} onSelect={() => onChoose('deactivate')}>
                  <UserX size={16} aria-hidden="true" />
                  <span>{t('users.actions.deactivate')}</span>
                </DropdownMenu.Item>
              )}
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
