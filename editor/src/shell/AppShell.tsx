import { Outlet } from '@tanstack/react-router';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/useSession.ts';
import styles from './AppShell.module.css';
import { Brand } from './Brand.tsx';
import { LanguageMenu } from './LanguageMenu.tsx';
import { NavDrawer } from './NavDrawer.tsx';
import { SideNav } from './SideNav.tsx';
import { SidebarFooter } from './SidebarFooter.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useFocusOnNavigate } from './useFocusOnNavigate.ts';

/**
 * The frame of every screen: a skip link, the sidebar with the navigation (a drawer on narrow
 * screens), a top bar with the language and, once someone is signed in, their account, and the
 * main region the screens render in.
 */
export function AppShell() {
  const { t } = useTranslation();
  const session = useSession();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  return (
    <div className={styles.shell}>
      <a className={styles.skipLink} href="#main">
        {t('skipToContent')}
      </a>
      <div className={styles.sidebar}>
        <div className={styles.brand}>
          <Brand />
        </div>
        <SideNav />
        <SidebarFooter />
      </div>
      <div className={styles.column}>
        <header className={styles.topBar}>
          <div className={styles.narrowOnly}>
            <NavDrawer />
            <Brand />
          </div>
          <div className={styles.actions}>
            <LanguageMenu />
            {session !== undefined && <UserMenu session={session} />}
          </div>
        </header>
        <main id="main" ref={main} tabIndex={-1} className={styles.main}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
