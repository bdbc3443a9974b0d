import type { LucideIcon } from 'lucide-react';
import { CalendarClock, Check, Clock, SquareTerminal } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './NotHereYet.module.css';

export interface NotHereYetProps {
  readonly icon: LucideIcon;
  readonly title: string;
  readonly intro: string;
  /** What the screen will let a person do, one item each. */
  readonly willDo: readonly string[];
  /** The release that brings it. */
  readonly comes: string;
  /** What works today instead (the API, the command line). */
  readonly today: ReactNode;
}

/** A screen that a later release fills: what it will do and when, and what works today. Nothing on it pretends to work. */
export function NotHereYet({ icon: Icon, title, intro, willDo, comes, today }: NotHereYetProps) {
  const { t } = useTranslation('ui');
  return (
    <article className={styles.screen} aria-labelledby="screen-title">
      <header className={styles.header}>
        <span className={styles.icon} aria-hidden="true">
          <Icon size={22} strokeWidth={1.8} />
        </span>
        <div>
          <h1 id="screen-title" className={styles.title}>
            {title}
          </h1>
          <p className={styles.intro}>{intro}</p>
        </div>
      </header>
      <section className={styles.card} aria-labelledby="not-here-yet">
        <p id="not-here-yet" className={styles.badge}>
          <Clock size={14} aria-hidden="true" />
          {t('notHereYet.badge')}
        </p>
        <h2 className={styles.heading}>{t('notHereYet.willDo')}</h2>
        <ul className={styles.list}>
          {willDo.map((item) => (
            <li key={item}>
              <Check size={16} className={styles.check} aria-hidden="true" />
              <span>{item}</span>
            </li>
          ))}
        </ul>
        <div className={styles.facts}>
          <div className={styles.fact}>
            <h2 className={styles.heading}>
              <CalendarClock size={16} aria-hidden="true" />
              {t('notHereYet.comes')}
            </h2>
            <p>{comes}</p>
          </div>
          <div className={styles.fact}>
            <h2 className={styles.heading}>
              <SquareTerminal size={16} aria-hidden="true" />
              {t('notHereYet.today')}
            </h2>
            <p>{today}</p>
          </div>
        </div>
      </section>
    </article>
  );
}
