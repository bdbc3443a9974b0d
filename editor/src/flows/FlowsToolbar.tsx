import { Link } from '@tanstack/react-router';
import { Search, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import forms from '../ui/forms.module.css';
import { type FlowStatus, flowStatuses, isFlowStatus } from './flow-status.ts';
import styles from './flows.module.css';
import type { FlowsSearch } from './flows-search.ts';

/** How long typing pauses before the list asks the server: a search per word, not per key. */
const searchDelayMs = 250;

export interface FlowsToolbarProps {
  readonly search: FlowsSearch;
  /** Replaces the address's search params (no new history entry per keystroke). */
  onSearch(next: FlowsSearch): void;
}

/** The current and archived views, the search box and the status filter, all kept in the address. */
export function FlowsToolbar({ search, onSearch }: FlowsToolbarProps) {
  const { t } = useTranslation('flows');
  const statusId = useId();
  const [text, setText] = useState(search.q ?? '');
  const latest = useRef({ search, onSearch });
  latest.current = { search, onSearch };

  // The address changed from elsewhere (back button, "clear the filters"): the box follows.
  useEffect(() => {
    setText((current) => (current.trim() === (search.q ?? '') ? current : (search.q ?? '')));
  }, [search.q]);

  useEffect(() => {
    const q = text.trim();
    if (q === (latest.current.search.q ?? '')) return;
    const timer = setTimeout(() => {
      const { search: now, onSearch: apply } = latest.current;
      const { q: _dropped, ...rest } = now;
      apply(q === '' ? rest : { ...rest, q });
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [text]);

  const setStatus = (value: string): void => {
    const { status: _dropped, ...rest } = search;
    onSearch(isFlowStatus(value) ? { ...rest, status: value } : rest);
  };

  return (
    <div className={styles.toolbar}>
      <ul className={styles.views} aria-label={t('views.label')}>
        <li>
          <Link from="/flows" to="/flows" search={({ archived: _dropped, ...rest }) => rest} activeOptions={{ exact: true }} className={styles.view}>
            {t('views.current')}
          </Link>
        </li>
        <li>
          <Link from="/flows" to="/flows" search={(previous) => ({ ...previous, archived: true })} activeOptions={{ exact: true }} className={styles.view}>
            {t('views.archived')}
          </Link>
        </li>
      </ul>
      <div className={styles.filters}>
        <div className={styles.searchBox}>
          <Search size={16} className={styles.searchIcon} aria-hidden="true" />
          <input
            type="search"
            className={`${forms.input} ${styles.searchInput}`}
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && text !== '') {
                event.preventDefault();
                setText('');
              }
            }}
          />
          {text !== '' && (
            <button type="button" className={styles.clearSearch} aria-label={t('search.clear')} onClick={() => setText('')}>
              <X size={16} aria-hidden="true" />
            </button>
          )}
        </div>
        <label htmlFor={statusId} className={styles.visuallyHidden}>
          {t('filter.label')}
        </label>
        <select
          id={statusId}
          className={`${forms.select} ${styles.statusSelect}`}
          value={search.status ?? ''}
          onChange={(event) => setStatus(event.target.value)}
        >
          <option value="">{t('filter.all')}</option>
          {flowStatuses.map((status: FlowStatus) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
