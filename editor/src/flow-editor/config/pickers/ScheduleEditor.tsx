import { CircleAlert, Copy, Plus, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../../../ui/buttons.module.css';
import forms from '../../../ui/forms.module.css';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { errorsAt } from '../problem-fields.ts';
import type { PickerProps } from './Picker.tsx';
import styles from './pickers.module.css';
import { copyToWorkdays, type Interval, intervalProblem, intervalsOf, nextInterval, type Weekday, weekdays } from './weekly-schedule.ts';

/**
 * Weekly opening hours (`x-picker: 'schedule'`): one row per weekday with its intervals (opens,
 * closes), "Add hours" per day, and "Copy to weekdays" to give Monday's hours to Tuesday to
 * Friday. A day without intervals is closed. Times are typed as HH:MM (24:00 ends the day),
 * checked as typed; problems the form or the server found show on the interval they name.
 */
export function ScheduleEditor({ id, value, onChange, errorSchema, describedBy, labelledBy, disabled }: PickerProps) {
  const { t } = useTranslation('flowConfig');
  const { language } = useLanguage();
  const entries = intervalsOf(value);
  const intervals = entries.map((entry) => entry.interval);
  const [focusNext, setFocusNext] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const dayNames = useMemo(() => {
    // 2024-01-01 was a Monday: Intl names each weekday in the app's language.
    const format = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
    return new Map(weekdays.map((day, index) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + index)))]));
  }, [language]);
  const nameOf = (day: Weekday) => dayNames.get(day) ?? day;

  useEffect(() => {
    if (focusNext === undefined) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  const write = (next: readonly Interval[]) => onChange(next.map((interval) => ({ ...interval })));
  const update = (position: number, change: Partial<Interval>) =>
    write(intervals.map((interval, at) => (at === position ? { ...interval, ...change } : interval)));
  const remove = (position: number, day: Weekday) => {
    write(intervals.filter((_, at) => at !== position));
    setFocusNext(`${id}-${day}-add`);
  };
  const add = (day: Weekday) => {
    write([...intervals, nextInterval(intervals, day)]);
    setFocusNext(`${id}-${intervals.length}-open`);
  };
  const copy = (day: Weekday) => {
    write(copyToWorkdays(intervals, day));
    setStatus(t('schedule.copied', { day: nameOf(day) }));
  };

  return (
    <fieldset id={id} className={styles.schedule} aria-labelledby={labelledBy} aria-describedby={describedBy} tabIndex={-1}>
      {weekdays.map((day) => {
        const ofDay = entries.map((entry, position) => ({ ...entry, position })).filter((entry) => entry.interval.day === day);
        const dayId = `${id}-${day}`;
        return (
          <fieldset key={day} className={styles.day} aria-labelledby={dayId}>
            <legend id={dayId} className={styles.dayName}>
              {nameOf(day)}
            </legend>
            <div className={styles.dayBody}>
              <div className={styles.intervals}>
                {ofDay.length === 0 && <span className={styles.closed}>{t('schedule.closed')}</span>}
                {ofDay.map(({ interval, index, position }, number) => {
                  const where = { day: nameOf(day), number: number + 1 };
                  const problem = intervalProblem(interval);
                  const reported = [
                    ...errorsAt(errorSchema, `/${index}`),
                    ...errorsAt(errorSchema, `/${index}/open`),
                    ...errorsAt(errorSchema, `/${index}/close`),
                  ];
                  const messages = reported.length > 0 ? reported : problem === undefined ? [] : [t(`schedule.problem.${problem}`)];
                  const errorId = `${id}-${position}-error`;
                  return (
                    <div key={`${position}`} className={styles.interval}>
                      <div className={styles.intervalTimes}>
                        <input
                          id={`${id}-${position}-open`}
                          className={`${forms.input} ${styles.time}`}
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          placeholder="09:00"
                          maxLength={5}
                          value={interval.open}
                          disabled={disabled}
                          aria-label={t('schedule.opens', where)}
                          aria-invalid={messages.length > 0 && problem !== 'badClose'}
                          aria-describedby={messages.length > 0 ? errorId : undefined}
                          onChange={(event) => update(position, { open: event.target.value.trim() })}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          id={`${id}-${position}-close`}
                          className={`${forms.input} ${styles.time}`}
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          placeholder="18:00"
                          maxLength={5}
                          value={interval.close}
                          disabled={disabled}
                          aria-label={t('schedule.closes', where)}
                          aria-invalid={messages.length > 0 && problem !== 'badOpen'}
                          aria-describedby={messages.length > 0 ? errorId : undefined}
                          onChange={(event) => update(position, { close: event.target.value.trim() })}
                        />
                        <button
                          type="button"
                          className={buttons.icon}
                          aria-label={t('schedule.remove', where)}
                          title={t('schedule.remove', where)}
                          disabled={disabled}
                          onClick={() => remove(position, day)}
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
                    </div>
                  );
                })}
              </div>
              <div className={styles.dayActions}>
                <button
                  type="button"
                  id={`${id}-${day}-add`}
                  className={styles.textButton}
                  aria-label={t('schedule.addFor', { day: nameOf(day) })}
                  disabled={disabled}
                  onClick={() => add(day)}
                >
                  <Plus size={14} aria-hidden="true" />
                  {t('schedule.add')}
                </button>
                {ofDay.length > 0 && (
                  <button
                    type="button"
                    className={styles.textButton}
                    aria-label={t('schedule.copyFor', { day: nameOf(day) })}
                    disabled={disabled}
                    onClick={() => copy(day)}
                  >
                    <Copy size={14} aria-hidden="true" />
                    {t('schedule.copy')}
                  </button>
                )}
              </div>
            </div>
          </fieldset>
        );
      })}
      <p role="status" className={styles.status}>
        {status}
      </p>
    </fieldset>
  );
}
