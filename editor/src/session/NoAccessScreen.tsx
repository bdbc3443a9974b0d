import { Link } from '@tanstack/react-router';
import { ShieldAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import styles from '../not-found/NotFoundScreen.module.css';
import { type Access, homePathFor } from './access.ts';
import type { Section } from './RequireAccess.tsx';
import { useSignedInSession } from './useSignedInSession.ts';

/** What a person sees at an address their role may not open: who may, and the way to their own work. */
export function NoAccessScreen({ access, section }: { readonly access: Access; readonly section: Section }) {
  const { t } = useTranslation('session');
  const { t: tShell } = useTranslation('shell');
  const session = useSignedInSession();
  const sectionName = t(`sections.${section}`);
  const title = t('noAccess.title', { section: sectionName });
  useDocumentTitle(title);
  const role = tShell(`account.roles.${session.role}`);
  const home = homePathFor(session.role);
  return (
    <article className={styles.screen} aria-labelledby="screen-title">
      <span className={styles.icon} aria-hidden="true">
        <ShieldAlert size={28} strokeWidth={1.8} />
      </span>
      <h1 id="screen-title" className={styles.title}>
        {title}
      </h1>
      <p className={styles.body}>{access === 'admin' ? t('noAccess.admin') : t('noAccess.flows', { role })}</p>
      <p className={styles.body}>{t('noAccess.signedInAs', { name: session.name, role })}</p>
      <Link to={home} className={styles.back}>
        {t('noAccess.home', { section: t(home === '/inbox' ? 'sections.inbox' : 'sections.flows') })}
      </Link>
    </article>
  );
}
