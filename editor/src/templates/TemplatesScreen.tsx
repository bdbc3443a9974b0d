import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient } from '../api/useApiClient.ts';
import { useNodeTypes } from '../flow-editor/node-types.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { canAccess } from '../session/access.ts';
import { useSignedInSession } from '../session/useSignedInSession.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { FormError } from '../ui/FormError.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { TemplateCard } from './TemplateCard.tsx';
import { TemplateImportDialog } from './TemplateImportDialog.tsx';
import type { TemplateSummary } from './template-parameters.ts';
import styles from './templates.module.css';
import { templatesQuery } from './templates-query.ts';

const knownCategories = ['assignment', 'routing', 'messages', 'lifecycle', 'feedback'] as const;

/**
 * `/templates`: the bundled templates as cards in the person's language, by category; "Use
 * template" asks for the template's parameters and opens the new draft on the canvas.
 */
export function TemplatesScreen() {
  const { t } = useTranslation('templates');
  useDocumentTitle(t('title'));
  const api = useApiClient();
  const { language } = useLanguage();
  const session = useSignedInSession();
  const canWrite = canAccess(session.role, 'flows:write');
  const { category } = useSearch({ from: '/templates' });
  const templates = useQuery(templatesQuery(api));
  // The editor's one node-type registry, in the app's language; a type it lacks is not installed.
  const nodeTypes = useNodeTypes();
  const [importing, setImporting] = useState<TemplateSummary>();

  const categoryLabel = (name: string): string =>
    (knownCategories as readonly string[]).includes(name)
      ? t(`categories.${name as (typeof knownCategories)[number]}`)
      : name.charAt(0).toUpperCase() + name.slice(1);
  const all = templates.data ?? [];
  const categories = [...new Set(all.map((template) => template.category))];
  const shown = category === undefined ? all : all.filter((template) => template.category === category);

  return (
    <div className={styles.screen}>
      <PageHeader title={t('title')} intro={t('intro')} />
      {templates.isError && <FormError error={templates.error} />}
      {templates.isPending ? (
        <p className={styles.loading} role="status">
          {t('loading')}
        </p>
      ) : (
        <>
          <div className={styles.toolbar}>
            <ul className={styles.categories} aria-label={t('categories.label')}>
              <li>
                <Link to="/templates" search={{}} activeOptions={{ exact: true }} className={styles.categoryLink}>
                  {t('categories.all')}
                </Link>
              </li>
              {categories.map((name) => (
                <li key={name}>
                  <Link to="/templates" search={{ category: name }} activeOptions={{ exact: true }} className={styles.categoryLink}>
                    {categoryLabel(name)}
                  </Link>
                </li>
              ))}
            </ul>
            <p className={styles.count} role="status">
              {t('count', { count: shown.length })}
            </p>
          </div>
          {shown.length === 0 ? (
            <p className={styles.empty}>{t('empty')}</p>
          ) : (
            <div className={styles.grid}>
              {shown.map((template) => (
                <TemplateCard
                  key={template.id}
                  template={template}
                  language={language}
                  nodeTypes={nodeTypes.data}
                  categoryLabel={categoryLabel(template.category)}
                  onUse={canWrite ? () => setImporting(template) : undefined}
                />
              ))}
            </div>
          )}
        </>
      )}
      {importing !== undefined && <TemplateImportDialog template={importing} onClose={() => setImporting(undefined)} />}
    </div>
  );
}
