import { BookOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ServerStatus } from './ServerStatus.tsx';
import styles from './SidebarFooter.module.css';

/** Below the navigation: whether the server answers, and the API reference (served by the engine, outside the app). */
export function SidebarFooter() {
  const { t } = useTranslation();
  return (
    <div className={styles.footer}>
      <ServerStatus />
      <a className={styles.link} href="/docs">
        <BookOpen size={16} aria-hidden="true" />
        <span>{t('apiReference')}</span>
      </a>
    </div>
  );
}
