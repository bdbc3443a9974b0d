import { CircleAlert, Plus, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../../../ui/buttons.module.css';
import forms from '../../../ui/forms.module.css';
import { errorsAt } from '../problem-fields.ts';
import type { PickerProps } from './Picker.tsx';
import styles from './pickers.module.css';

interface Holiday {
  readonly date: string;
  readonly name?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function holidaysOf(value: unknown): Holiday[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const { date, name } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    return typeof name === 'string' ? { date: typeof date === 'string' ? date : '', name } : { date: typeof date === 'string' ? date : '' };
  });
}

/** Today in the browser's calendar, as YYYY-MM-DD: where a new holiday starts. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Closed dates (`x-picker: 'holidays'`, `[{ date, name? }]`): one row per date with an optional
 * name ("Navidad"), "Add holiday", remove per row. A date listed twice is pointed out.
 */
export function HolidaysEditor({ id, value, onChange, errorSchema, describedBy, labelledBy, disabled }: PickerProps) {
  const { t } = useTranslation('flowConfig');
  const holidays = holidaysOf(value);
  const [focusNext, setFocusNext] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (focusNext === undefined) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  const write = (next: readonly Holiday[]) =>
    onChange(next.map((holiday) => (holiday.name === undefined || holiday.name === '' ? { date: holiday.date } : { ...holiday })));
  const update = (index: number, change: Partial<Holiday>) => write(holidays.map((holiday, at) => (at === index ? { ...holiday, ...change } : holiday)));
  return (
    <fieldset id={id} className={styles.holidays} aria-labelledby={labelledBy} aria-describedby={describedBy} tabIndex={-1}>
      {holidays.length === 0 && <p className={styles.closed}>{t('holidays.none')}</p>}
      {holidays.length > 0 && (
        <ol className={styles.holidayList}>
          {holidays.map((holiday, index) => {
            const number = { number: index + 1 };
            const reported = [...errorsAt(errorSchema, `/${index}`), ...errorsAt(errorSchema, `/${index}/date`), ...errorsAt(errorSchema, `/${index}/name`)];
            const local = !DATE.test(holiday.date)
              ? [t('holidays.badDate')]
              : holidays.findIndex((other) => other.date === holiday.date) !== index
                ? [t('holidays.twice')]
                : [];
            const messages = reported.length > 0 ? reported : local;
            const errorId = `${id}-${index}-error`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row is its place in the list, as the problems' pointers (/holidays/2/date) are
              <li key={index} className={styles.holiday}>
                <div className={styles.holidayFields}>
                  <input
                    id={`${id}-${index}-date`}
                    className={`${forms.input} ${styles.date}`}
                    type="date"
                    value={holiday.date}
                    disabled={disabled}
                    required
                    aria-label={t('holidays.date', number)}
                    aria-invalid={messages.length > 0}
                    aria-describedby={messages.length > 0 ? errorId : undefined}
                    onChange={(event) => update(index, { date: event.target.value })}
                  />
                  <input
                    id={`${id}-${index}-name`}
                    className={forms.input}
                    type="text"
                    autoComplete="off"
                    maxLength={200}
                    placeholder={t('holidays.namePlaceholder')}
                    value={holiday.name ?? ''}
                    disabled={disabled}
                    aria-label={t('holidays.name', number)}
                    onChange={(event) => update(index, { name: event.target.value })}
                  />
                  <button
                    type="button"
                    className={buttons.icon}
                    aria-label={t('holidays.remove', { ...number, date: holiday.date })}
                    title={t('holidays.remove', { ...number, date: holiday.date })}
                    disabled={disabled}
                    onClick={() => {
                      write(holidays.filter((_, at) => at !== index));
                      setFocusNext(`${id}-add`);
                    }}
                  >
                    <Trash2 size={16} aria-hidden="true" />
                  </button>
                </div>
                {messages.length > 0 && (
                  <div id={errorId} className={styles.problem} role="alert">
                    <CircleAlert size={14} aria-hidden="true" />
                    <span>{messages.join(' ')}</span>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div>
        <button
          type="button"
          id={`${id}-add`}
          className={buttons.secondary}
          disabled={disabled}
          onClick={() => {
            write([...holidays, { date: today() }]);
            setFocusNext(`${id}-${holidays.length}-date`);
          }}
        >
          <Plus size={16} aria-hidden="true" />
          {t('holidays.add')}
        </button>
      </div>
    </fieldset>
  );
}
