import type { ReactNode } from 'react';
import styles from './PageHeader.module.css';

/** A screen's heading (the page's one h1), a line saying what it is for, and its main actions. */
export function PageHeader({ title, intro, actions }: { readonly title: string; readonly intro?: ReactNode; readonly actions?: ReactNode }) {
  return (
    <header className={styles.header}>
      <div className={styles.text}>
        <h1 id="screen-title" className={styles.title}>
          {title}
        </h1>
        {intro !== undefined && <p className={styles.intro}>{intro}</p>}
      </div>
      {actions !== undefined && <div className={styles.actions}>{actions}</div>}
    </header>
  );
}
