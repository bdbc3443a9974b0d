import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { navItems } from './nav-items.ts';
import styles from './SideNav.module.css';

/** The main navigation. `onNavigate` lets the drawer close once a section is chosen. */
export function SideNav({ onNavigate }: { readonly onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className={styles.nav}>
      <ul className={styles.list}>
        {navItems.map(({ to, label, icon: Icon }) => (
          <li key={to}>
            {/* A section stays marked while one of its pages is open (/flows/<id> under Flows); the Link sets aria-current. */}
            <Link to={to} className={styles.link} activeProps={{ className: styles.active }} onClick={onNavigate}>
              <Icon size={18} strokeWidth={1.9} aria-hidden="true" />
              <span>{t(label)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
