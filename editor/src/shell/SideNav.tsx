import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canAccess } from '../session/access.ts';
import { useSignedInSession } from '../session/useSignedInSession.ts';
import { navItems } from './nav-items.ts';
import styles from './SideNav.module.css';

/** The main navigation: the sections the person's role opens. `onNavigate` lets the drawer close once one is chosen. */
export function SideNav({ onNavigate }: { readonly onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { role } = useSignedInSession();
  return (
    <nav aria-label={t('nav.label')} className={styles.nav}>
      <ul className={styles.list}>
        {navItems
          .filter((item) => canAccess(role, item.access))
          .map(({ to, label, icon: Icon }) => (
            <li key={to}>
              {/* A section stays marked while one of its pages is open (/flows/<id> under Flows); the Link sets aria-current. */}
              <Link to={to} className={styles.link} activeProps={{ className: styles.active }} onClick={onNavigate} title={t(label)}>
                <Icon size={18} strokeWidth={1.9} aria-hidden="true" />
                <span>{t(label)}</span>
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
