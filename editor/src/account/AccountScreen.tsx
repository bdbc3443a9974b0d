import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../session/session.ts';
import { useSignedInSession } from '../session/useSignedInSession.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import styles from './account.module.css';
import { PasswordForm } from './PasswordForm.tsx';
import { ProfileForm } from './ProfileForm.tsx';

/** `/account`: the signed-in person's own name, language, time zone and password. */
export function AccountScreen() {
  const { t } = useTranslation('account');
  const { t: tShell } = useTranslation('shell');
  const session = useSignedInSession();
  useDocumentTitle(t('title'));
  const [savedProfile, setSavedProfile] = useState<string | undefined>();
  const profileKey = profileKeyOf(session);
  return (
    <div className={styles.screen}>
      <PageHeader title={t('title')} intro={t('intro', { email: session.email, role: tShell(`account.roles.${session.role}`) })} />
      <section className={styles.card} aria-labelledby="profile-heading">
        <div className={styles.cardHead}>
          <h2 id="profile-heading" className={styles.cardTitle}>
            {t('profile.title')}
          </h2>
          <p className={styles.cardIntro}>{t('profile.intro')}</p>
        </div>
        {/* Keyed by the saved values: after a save here or elsewhere (the language switch) the form starts from them. */}
        <ProfileForm key={profileKey} session={session} justSaved={savedProfile === profileKey} onSaved={(user) => setSavedProfile(profileKeyOf(user))} />
      </section>
      <section className={styles.card} aria-labelledby="password-heading">
        <div className={styles.cardHead}>
          <h2 id="password-heading" className={styles.cardTitle}>
            {t('password.title')}
          </h2>
          <p className={styles.cardIntro}>{t('password.intro')}</p>
        </div>
        <PasswordForm />
      </section>
    </div>
  );
}

function profileKeyOf(profile: Pick<Session, 'name' | 'language' | 'timeZone'>): string {
  return JSON.stringify([profile.name, profile.language, profile.timeZone]);
}
