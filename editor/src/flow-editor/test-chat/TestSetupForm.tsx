import { Play, Plus, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/api-request-error.ts';
import type { StartTest } from '../../api/pending-api.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import buttons from '../../ui/buttons.module.css';
import { Field } from '../../ui/Field.tsx';
import forms from '../../ui/forms.module.css';
import styles from './TestChat.module.css';
import { wallClockToIso } from './zoned-time.ts';

/** What the setup form holds, kept by the editor so a reset starts the next test from it. */
export interface TestSetup {
  readonly name: string;
  readonly tags: string;
  readonly fields: readonly { readonly key: string; readonly value: string }[];
  readonly clockMode: 'now' | 'at';
  /** Wall-clock text of `<input type="datetime-local">`, in the person's time zone. */
  readonly clockAt: string;
  readonly assignForReal: boolean;
}

export function initialSetup(name: string): TestSetup {
  return { name, tags: '', fields: [], clockMode: 'now', clockAt: '', assignForReal: false };
}

/** The request a setup makes; undefined while the chosen time is not a date and time. */
export function startRequest(setup: TestSetup, timeZone: string): StartTest | undefined {
  const tags = setup.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  const fields = Object.fromEntries(setup.fields.filter((field) => field.key.trim() !== '').map((field) => [field.key.trim(), field.value]));
  const clock = setup.clockMode === 'now' ? null : wallClockToIso(setup.clockAt, timeZone);
  if (clock === undefined) return undefined;
  return { contact: { name: setup.name.trim(), tags, fields }, clock, assignForReal: setup.assignForReal };
}

export interface TestSetupFormProps {
  readonly setup: TestSetup;
  onChange(setup: TestSetup): void;
  onStart(request: StartTest): void;
  readonly pending: boolean;
  readonly error: Error | null;
  onShowProblems(): void;
}

/** The test contact (name, tags, fields), the pretend time and "assign for real", then Start. */
export function TestSetupForm({ setup, onChange, onStart, pending, error, onShowProblems }: TestSetupFormProps) {
  const { t } = useTranslation('testChat');
  const format = useFormat();
  const [tried, setTried] = useState(false);
  const set = (patch: Partial<TestSetup>) => onChange({ ...setup, ...patch });
  const request = startRequest(setup, format.timeZone);
  const nameMissing = setup.name.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (request === undefined || nameMissing) return;
    onStart(request);
  };
  const blocked = error instanceof ApiRequestError && error.status === 422 ? error.body?.issues : undefined;
  return (
    <form className={styles.setup} onSubmit={submit} aria-label={t('title')} noValidate>
      <p className={styles.intro}>{t('intro')}</p>
      <fieldset className={styles.fieldset}>
        <legend>{t('contact.legend')}</legend>
        <Field label={t('contact.name')} error={tried && nameMissing ? t('contact.nameMissing') : undefined}>
          {(control) => (
            <input {...control} className={forms.input} value={setup.name} maxLength={200} onChange={(event) => set({ name: event.target.value })} />
          )}
        </Field>
        <Field label={t('contact.tags')} hint={t('contact.tagsHint')} optional>
          {(control) => <input {...control} className={forms.input} value={setup.tags} onChange={(event) => set({ tags: event.target.value })} />}
        </Field>
        <fieldset className={styles.fieldsList}>
          <legend className={forms.label}>{t('contact.fields')}</legend>
          {setup.fields.map((field, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are only added at the end or removed
            <div key={index} className={styles.fieldRow}>
              <input
                className={forms.input}
                aria-label={t('contact.fieldName')}
                placeholder={t('contact.fieldName')}
                value={field.key}
                onChange={(event) => set({ fields: setup.fields.map((each, at) => (at === index ? { ...each, key: event.target.value } : each)) })}
              />
              <input
                className={forms.input}
                aria-label={t('contact.fieldValue')}
                placeholder={t('contact.fieldValue')}
                value={field.value}
                onChange={(event) => set({ fields: setup.fields.map((each, at) => (at === index ? { ...each, value: event.target.value } : each)) })}
              />
              <button
                type="button"
                className={buttons.icon}
                aria-label={t('contact.removeField', { name: field.key || index + 1 })}
                onClick={() => set({ fields: setup.fields.filter((_, at) => at !== index) })}
              >
                <X size={16} aria-hidden="true" />
              </button>
            </div>
          ))}
          <button type="button" className={`${buttons.button} ${buttons.secondary}`} onClick={() => set({ fields: [...setup.fields, { key: '', value: '' }] })}>
            <Plus size={16} aria-hidden="true" />
            {t('contact.addField')}
          </button>
        </fieldset>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>{t('clock.legend')}</legend>
        <label className={styles.choice}>
          <input type="radio" name="test-clock" checked={setup.clockMode === 'now'} onChange={() => set({ clockMode: 'now' })} />
          {t('clock.now')}
        </label>
        <label className={styles.choice}>
          <input type="radio" name="test-clock" checked={setup.clockMode === 'at'} onChange={() => set({ clockMode: 'at' })} />
          {t('clock.at')}
        </label>
        {setup.clockMode === 'at' && (
          <Field label={t('clock.value', { zone: format.timeZone })} error={tried && request === undefined ? t('clock.invalid') : undefined}>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                className={forms.input}
                value={setup.clockAt}
                onChange={(event) => set({ clockAt: event.target.value })}
              />
            )}
          </Field>
        )}
      </fieldset>
      <label className={styles.choice}>
        <input
          type="checkbox"
          checked={setup.assignForReal}
          onChange={(event) => set({ assignForReal: event.target.checked })}
          aria-describedby="assign-for-real-hint"
        />
        {t('assignForReal')}
      </label>
      <p id="assign-for-real-hint" className={forms.hint}>
        {t('assignForRealHint')}
      </p>
      {blocked !== undefined ? (
        <div className={styles.error} role="alert">
          <p>{t('blocked')}</p>
          <ul>
            {blocked.slice(0, 5).map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
          <button type="button" className={`${buttons.button} ${buttons.secondary}`} onClick={onShowProblems}>
            {t('showProblems')}
          </button>
        </div>
      ) : (
        error !== null && (
          <p className={styles.error} role="alert">
            {t('failed', { reason: error.message })}
          </p>
        )
      )}
      <button type="submit" className={`${buttons.button} ${buttons.primary}`} disabled={pending}>
        <Play size={16} aria-hidden="true" />
        {pending ? t('starting') : t('start')}
      </button>
    </form>
  );
}
