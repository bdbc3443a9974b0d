import { CircleAlert, type LucideIcon, LayoutTemplate, MessageSquareText, RefreshCcw, Split, Star, UsersRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { NodeTypeIndex } from '../flow-editor/node-types.ts';
import type { Language } from '../i18n/languages.ts';
import buttons from '../ui/buttons.module.css';
import type { TemplateSummary } from './template-parameters.ts';
import styles from './templates.module.css';

const categoryIcons: Readonly<Record<string, LucideIcon>> = {
  assignment: UsersRound,
  routing: Split,
  messages: MessageSquareText,
  lifecycle: RefreshCcw,
  feedback: Star,
};

export interface TemplateCardProps {
  readonly template: TemplateSummary;
  readonly language: Language;
  /** The installed node types, for their titles; undefined while they load (the type ids show meanwhile). */
  readonly nodeTypes: NodeTypeIndex | undefined;
  readonly categoryLabel: string;
  /** Undefined for people who may not create flows: the card then only describes. */
  readonly onUse: (() => void) | undefined;
}

/**
 * One template: what it is for, in the person's language; what starts it and which steps it
 * takes; what importing it asks; and, when this server lacks a node type it uses, that it cannot
 * be imported yet and why.
 */
export function TemplateCard({ template, language, nodeTypes, categoryLabel, onUse }: TemplateCardProps) {
  const { t } = useTranslation('templates');
  const Icon = categoryIcons[template.category] ?? LayoutTemplate;
  const titleId = `template-${template.id}`;
  const titleOf = (type: string): string => nodeTypes?.get(type)?.title ?? type;
  const steps = [...new Set(template.steps)];
  const isMissing = template.missingNodeTypes.length > 0;
  return (
    <article className={styles.card} aria-labelledby={titleId}>
      <div className={styles.cardTop}>
        <span className={styles.icon} data-category={template.category} aria-hidden="true">
          <Icon size={18} />
        </span>
        <span className={styles.category}>{categoryLabel}</span>
      </div>
      <h2 id={titleId} className={styles.cardTitle}>
        {template.title[language]}
      </h2>
      <p className={styles.description}>{template.description[language]}</p>
      <dl className={styles.facts}>
        {template.trigger !== null && (
          <div>
            <dt>{t('card.startsWith')}</dt>
            <dd>
              <span className={styles.trigger} data-missing={template.missingNodeTypes.includes(template.trigger) || undefined}>
                {titleOf(template.trigger)}
              </span>
            </dd>
          </div>
        )}
        {steps.length > 0 && (
          <div>
            <dt>{t('card.steps')}</dt>
            <dd className={styles.chips}>
              {steps.map((type) => (
                <span key={type} className={styles.chip} data-missing={template.missingNodeTypes.includes(type) || undefined}>
                  {titleOf(type)}
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('card.asks')}</dt>
          <dd className={styles.asks}>
            {template.parameters.length === 0 ? t('card.noQuestions') : template.parameters.map((parameter) => parameter.title[language]).join(' · ')}
          </dd>
        </div>
      </dl>
      {isMissing && (
        <p className={styles.missing} role="note">
          <CircleAlert size={16} aria-hidden="true" />
          <span>{t('card.missing', { count: template.missingNodeTypes.length, types: template.missingNodeTypes.join(', ') })}</span>
        </p>
      )}
      {onUse !== undefined && (
        <div className={styles.cardActions}>
          <button
            type="button"
            className={buttons.primary}
            disabled={isMissing}
            onClick={onUse}
            aria-label={t('card.useNamed', { title: template.title[language] })}
          >
            {t('card.use')}
          </button>
        </div>
      )}
    </article>
  );
}
