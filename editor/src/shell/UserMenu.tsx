import { Link } from '@tanstack/react-router';
import { ChevronDown, LogOut, UserRound } from 'lucide-react';
import { DropdownMenu, VisuallyHidden } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { Session } from '../session/session.ts';
import styles from './menus.module.css';

/** The signed-in person: name and role, their account, and signing out. */
export function UserMenu({ session }: { readonly session: Session }) {
  const { t } = useTranslation();
  const initials = session.name
    .split(/\s+/)
    .filter((part) => part !== '')
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
  return (
    <DropdownMenu.Root>
      {/* Named by what it shows (WCAG 2.5.3, label in name), with "Account:" before it for screen readers. */}
      <DropdownMenu.Trigger className={styles.trigger}>
        <span className={styles.avatar} aria-hidden="true">
          {initials}
        </span>
        <span className={styles.person}>
          <VisuallyHidden.Root>{t('account.menuPrefix')}</VisuallyHidden.Root>
          <span>{session.name}</span>
          <span className={styles.role}>{t(`account.roles.${session.role}`)}</span>
        </span>
        <ChevronDown size={14} className={styles.chevron} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className={styles.content} align="end" sideOffset={6}>
          <DropdownMenu.Label className={styles.label}>
            <span className={styles.labelName}>{session.name}</span>
            <span>{t('account.signedInAs', { email: session.email })}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className={styles.separator} />
          <DropdownMenu.Item className={styles.item} asChild>
            <Link to="/account">
              <UserRound size={16} aria-hidden="true" />
              <span>{t('account.yourAccount')}</span>
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={styles.item} onSelect={() => void session.signOut()}>
            <LogOut size={16} aria-hidden="true" />
            <span>{t('account.signOut')}</span>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
