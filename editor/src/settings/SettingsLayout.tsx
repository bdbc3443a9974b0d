import { Link, Outlet } from '@tanstack/react-router';
import { KeyRound, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader.tsx';
import styles from './SettingsLayout.module.css';

/** `/settings/*` (administrators): the heading, the tabs between its pages, and the page. */
export function SettingsLayout() {
  const { t } = useTranslation('settings');
  return (
    <div className={styles.screen}>
      <PageHeader title={t('title')} intro={t('intro')} />
      <nav aria-label={t('tabs.label')} className={styles.tabs}>
        <Link to="/settings/users" className={styles.tab} activeProps={{ className: styles.active }}>
          <Users size={16} aria-hidden="true" />
          {t('tabs.users')}
        </Link>
        <Link to="/settings/tokens" className={styles.tab} activeProps={{ className: styles.active }}>
          <KeyRound size={16} aria-hidden="true" />
          {t('tabs.tokens')}
        </Link>
      </nav>
      <Outlet />
    </div>
  );
}
