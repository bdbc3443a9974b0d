import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import { CopyField } from '../../ui/CopyField.tsx';
import forms from '../../ui/forms.module.css';

/** A new invite or password reset link, shown this once (the server keeps only its hash), with when it expires. */
export function InviteLink({ name, url, expiresAt }: { readonly name: string; readonly url: string; readonly expiresAt: string }) {
  const { t } = useTranslation('settings');
  const format = useFormat();
  return (
    <>
      <CopyField label={t('link.label', { name })} value={url} />
      <p className={forms.notice}>
        <TriangleAlert size={18} aria-hidden="true" />
        <span>{t('link.once', { name, expires: format.dateTime(expiresAt), relative: format.relative(expiresAt) })}</span>
      </p>
    </>
  );
}
