import { Link } from '@tanstack/react-router';
import { Archive, LayoutTemplate, Plus, SearchX, Workflow } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import buttons from '../ui/buttons.module.css';
import styles from './flows.module.css';
import type { FlowsSearch } from './flows-search.ts';

export interface FlowsEmptyProps {
  readonly search: FlowsSearch;
  readonly isFiltered: boolean;
  readonly canWrite: boolean;
  onCreate(): void;
  onClearFilters(): void;
}

/**
 * What an empty list says, by why it is empty: nothing matches the filters (clear them), nothing
 * is archived, or nobody has made a flow yet (start from a template, or a blank canvas).
 */
export function FlowsEmpty({ search, isFiltered, canWrite, onCreate, onClearFilters }: FlowsEmptyProps) {
  const { t } = useTranslation('flows');
  if (isFiltered) {
    return (
      <section className={styles.empty} aria-labelledby="flows-empty">
        <span className={styles.emptyIcon} aria-hidden="true">
          <SearchX size={22} />
        </span>
        <h2 id="flows-empty" className={styles.emptyTitle}>
          {t('empty.noMatchTitle')}
        </h2>
        <p className={styles.emptyBody}>{search.q === undefined ? t('empty.noMatch') : t('empty.noMatchQuery', { query: search.q })}</p>
        <button type="button" className={buttons.secondary} onClick={onClearFilters}>
          {t('empty.clearFilters')}
        </button>
      </section>
    );
  }
  if (search.archived === true) {
    return (
      <section className={styles.empty} aria-labelledby="flows-empty">
        <span className={styles.emptyIcon} aria-hidden="true">
          <Archive size={22} />
        </span>
        <h2 id="flows-empty" className={styles.emptyTitle}>
          {t('empty.archivedTitle')}
        </h2>
        <p className={styles.emptyBody}>{t('empty.archived')}</p>
      </section>
    );
  }
  return (
    <section className={styles.empty} aria-labelledby="flows-empty">
      <span className={styles.emptyIcon} aria-hidden="true">
        <Workflow size={22} />
      </span>
      <h2 id="flows-empty" className={styles.emptyTitle}>
        {t('empty.title')}
      </h2>
      <p className={styles.emptyBody}>{canWrite ? t('empty.body') : t('empty.readOnlyBody')}</p>
      {canWrite && (
        <div className={styles.emptyActions}>
          <Link to="/templates" className={buttons.primary}>
            <LayoutTemplate size={16} aria-hidden="true" />
            {t('fromTemplate')}
          </Link>
          <button type="button" className={buttons.secondary} onClick={onCreate}>
            <Plus size={16} aria-hidden="true" />
            {t('empty.blank')}
          </button>
        </div>
      )}
    </section>
  );
}
