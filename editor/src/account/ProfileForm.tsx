import { useMutation } from '@tanstack/react-query';
import { CheckCircle2 } from 'lucide-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/client.ts';
import { browserTimeZone } from '../i18n/format.ts';
import { isLanguage, type Language, languages } from '../i18n/languages.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import type { Session } from '../session/session.ts';
import buttons from '../ui/buttons.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { checkRequired, type Problem } from '../ui/form-checks.ts';
import forms from '../ui/forms.module.css';
import { useProblemText } from '../ui/useProblemText.ts';
import styles from './account.module.css';
import { timeZoneGroups } from './time-zones.ts';

/** The value of "follow the browser" in the language and time zone selects (the account stores null). */
const BROWSER = '';

/** Name, language and time zone (`PATCH /api/me`). */
export function ProfileForm({ session, justSaved, onSaved }: { readonly session: Session; readonly justSaved: boolean; onSaved(user: User): void }) {
  const { t } = useTranslation('account');
  const { t: tShell } = useTranslation('shell');
  const problemText = useProblemText();
  const { language: shownLanguage, setLanguage, followBrowser } = useLanguage();
  const [name, setName] = useState(session.name);
  const [language, setLanguageChoice] = useState<Language | typeof BROWSER>(session.language ?? BROWSER);
  const [timeZone, setTimeZone] = useState(session.timeZone ?? BROWSER);
  const [problem, setProblem] = useState<Problem | undefined>();
  const groups = useMemo(() => timeZoneGroups(shownLanguage, session.timeZone === null ? [] : [session.timeZone]), [shownLanguage, session.timeZone]);

  const save = useMutation({
    mutationFn: () =>
      session.updateProfile({ name: name.trim(), language: language === BROWSER ? null : language, timeZone: timeZone === BROWSER ? null : timeZone }),
    onSuccess: (user) => {
      if (user.language === null) followBrowser();
      else setLanguage(user.language);
      onSaved(user);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = checkRequired(name);
    setProblem(found);
    if (found === undefined) save.mutate();
  };

  return (
    <form className={forms.form} onSubmit={submit} noValidate>
      <FormError error={save.error} />
      <div className={styles.row}>
        <Field label={t('profile.name')} error={problemText(problem)}>
          {(control) => (
            <input {...control} className={forms.input} name="name" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <dl className={styles.readOnly}>
          <dt>{t('profile.email')}</dt>
          <dd>{session.email}</dd>
        </dl>
      </div>
      <div className={styles.row}>
        <Field label={t('profile.language')}>
          {(control) => (
            <select
              {...control}
              className={forms.select}
              value={language}
              onChange={(event) => setLanguageChoice(isLanguage(event.target.value) ? event.target.value : BROWSER)}
            >
              <option value={BROWSER}>{t('profile.browserLanguage')}</option>
              {languages.map((entry) => (
                <option key={entry.code} value={entry.code} lang={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('profile.timeZone')} hint={t('profile.timeZoneHint')}>
          {(control) => (
            <select {...control} className={forms.select} value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
              <option value={BROWSER}>{t('profile.browserTimeZone', { zone: browserTimeZone().replaceAll('_', ' ') })}</option>
              {groups.map((group) => (
                <optgroup key={group.region} label={group.region}>
                  {group.zones.map((zone) => (
                    <option key={zone.value} value={zone.value}>
                      {zone.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className={forms.actionsStart}>
        <button type="submit" className={buttons.primary} disabled={save.isPending}>
          {save.isPending ? t('profile.saving') : t('profile.save')}
        </button>
        <p role="status" className={forms.hint}>
          {justSaved && (
            <span className={styles.saved}>
              <CheckCircle2 size={16} aria-hidden="true" /> {t('profile.saved')}
            </span>
          )}
        </p>
      </div>
      <p className={forms.hint}>{t('profile.role', { role: tShell(`account.roles.${session.role}`) })}</p>
    </form>
  );
}
