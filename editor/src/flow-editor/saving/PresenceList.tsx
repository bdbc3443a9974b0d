import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import styles from './PresenceList.module.css';
import type { Viewer } from './usePresence.ts';

/** Initials in a circle for each other person with the flow open, their names for everyone (and screen readers). */
export function PresenceList({ viewers }: { readonly viewers: readonly Viewer[] }) {
  const { t } = useTranslation('flowEditor');
  const format = useFormat();
  if (viewers.length === 0) return null;
  const names = viewers.map((viewer) => viewer.name);
  const label = viewers.length === 1 ? t('presence.one', { name: names[0] }) : t('presence.many', { names: format.list(names) });
  return (
    <div className={styles.presence} data-testid="presence">
      {viewers.slice(0, 4).map((viewer) => (
        <span
          key={viewer.id}
          className={styles.avatar}
          title={`${viewer.name} · ${t('presence.since', { time: format.relative(new Date(viewer.since)) })}`}
          aria-hidden="true"
        >
          {initials(viewer.name)}
        </span>
      ))}
      {viewers.length > 4 && (
        <span className={styles.avatar} aria-hidden="true">
          +{viewers.length - 4}
        </span>
      )}
      <span className={styles.label}>{label}</span>
    </div>
  );
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}
