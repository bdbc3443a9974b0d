import { useTranslation } from 'react-i18next';
import styles from './Brand.module.css';

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className={styles.brand}>
      <svg className={styles.mark} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" />
        <circle cx="9" cy="10" r="3" />
        <circle cx="23" cy="16" r="3" />
        <circle cx="9" cy="22" r="3" />
        <path d="M11.5 11.2 20.5 14.8M11.5 20.8l9-3.6" />
      </svg>
      <span>{t('appName')}</span>
    </span>
  );
}
