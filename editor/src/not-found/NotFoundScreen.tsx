import { Link, useLocation } from '@tanstack/react-router';
import { Compass } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { homePathFor } from '../session/access.ts';
import { useSignedInSession } from '../session/useSignedInSession.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import styles from './NotFoundScreen.module.css';

/** An address the app has no screen for, inside the shell so the navigation is still there. */
export function NotFoundScreen() {
  const { t } = useTranslation('notFound');
  const { pathname } = useLocation();
  const home = homePathFor(useSignedInSession().role);
  useDocumentTitle(t('title'));
  return (
    <article className={styles.screen} aria-labelledby="screen-title">
      <span className={styles.icon} aria-hidden="true">
        <Compass size={28} strokeWidth={1.8} />
      </span>
      <h1 id="screen-title" className={styles.title}>
        {t('title')}
      </h1>
      <p className={styles.body}>
        <Trans t={t} i18nKey="body" values={{ path: pathname }} components={{ code: <code /> }} />
      </p>
      <Link to={home} className={styles.back}>
        {home === '/inbox' ? t('backToInbox') : t('back')}
      </Link>
    </article>
  );
}
