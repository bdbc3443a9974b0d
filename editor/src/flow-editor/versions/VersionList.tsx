import { GitCompare, RotateCcw } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.tsx';
import buttons from '../../ui/buttons.module.css';
import { TimeAgo } from '../../ui/TimeAgo.tsx';
import styles from './VersionHistory.module.css';
import type { WorkflowVersion } from './versions-query.ts';

export interface VersionListProps {
  /** Newest first, as the server lists them. */
  readonly versions: readonly WorkflowVersion[];
  readonly activeVersion: number | null | undefined;
  readonly readOnly: boolean;
  onCompare(version: number): void;
  onRestore(version: WorkflowVersion): void;
}

/** The draft, then every published version newest first, each with its note, author and time. */
export function VersionList({ versions, activeVersion, readOnly, onCompare, onRestore }: VersionListProps) {
  const { t } = useTranslation('versions');
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className={styles.listSection}>
      <h3 id={`${id}-heading`} className={styles.sectionTitle}>
        {t('list.heading')}
      </h3>
      <ol className={styles.versions}>
        <li className={styles.version} data-draft="">
          <div className={styles.versionHead}>
            <h4 className={styles.versionTitle}>{t('list.draft')}</h4>
          </div>
          <p className={styles.muted}>{t('list.draftHint')}</p>
        </li>
        {versions.map((version) => {
          const isActive = version.version === activeVersion;
          const number = version.version;
          return (
            <li key={number} className={styles.version}>
              <div className={styles.versionHead}>
                <h4 id={`${id}-version-${number}`} className={styles.versionTitle}>
                  {t('list.version', { number })}
                </h4>
                {isActive && <Badge tone="ok">{t('list.active')}</Badge>}
              </div>
              {version.note === null || version.note.trim() === '' ? (
                <p className={styles.muted}>{t('list.noNote')}</p>
              ) : (
                <p className={styles.note}>{version.note}</p>
              )}
              {isActive && <p className={styles.muted}>{t('list.activeHint')}</p>}
              <p className={styles.meta}>
                {version.publishedBy === null ? t('list.publishedByToken') : t('list.publishedBy', { name: version.publishedBy.name })}
                {' · '}
                <TimeAgo value={version.createdAt} />
              </p>
              <div className={styles.versionActions}>
                <button type="button" className={buttons.secondary} aria-describedby={`${id}-version-${number}`} onClick={() => onCompare(number)}>
                  <GitCompare size={16} aria-hidden="true" />
                  {t('list.compare')}
                </button>
                {!readOnly && (
                  <button type="button" className={buttons.secondary} aria-describedby={`${id}-version-${number}`} onClick={() => onRestore(version)}>
                    <RotateCcw size={16} aria-hidden="true" />
                    {t('list.restore')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
