import type { ReactNode } from 'react';
import { Brand } from '../shell/Brand.tsx';
import { LanguageMenu } from '../shell/LanguageMenu.tsx';
import styles from './PublicFrame.module.css';

/** The sign-in, setup and invite pages: the brand, the language switch and one card in the middle of the page. */
export function PublicFrame({ children }: { readonly children: ReactNode }) {
  return (
    <div className={styles.page}>
      <header className={styles.top}>
        <Brand />
        <LanguageMenu />
      </header>
      <main id="main" className={styles.main}>
        <div className={styles.card}>{children}</div>
      </main>
    </div>
  );
}
