import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { SchemaForm } from '../flow-editor/config/SchemaForm.tsx';
import { flowsQueryKey } from '../flows/flows-query.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import buttons from '../ui/buttons.module.css';
import { FormError } from '../ui/FormError.tsx';
import forms from '../ui/forms.module.css';
import { ModalDialog } from '../ui/ModalDialog.tsx';
import {
  importParameters,
  initialAnswers,
  missingAnswers,
  type ParameterProblem,
  parametersSchema,
  problemsOf,
  type TemplateSummary,
} from './template-parameters.ts';
import styles from './templates.module.css';

/**
 * Imports a template as a new draft (`POST /api/templates/:id/import`) after asking for its
 * parameters, each with its picker (a team, an agent, opening hours…), and opens the draft on the
 * canvas. The server checks the answers again; its issues (`/parameters/team`) land on the field
 * they name, and the field takes the focus.
 */
export function TemplateImportDialog({ template, onClose }: { readonly template: TemplateSummary; onClose(): void }) {
  const { t } = useTranslation('templates');
  const api = useApiClient();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const schema = useMemo(() => parametersSchema(template.parameters, language), [template, language]);
  const [answers, setAnswers] = useState<Record<string, unknown>>(() => initialAnswers(template.parameters, language));
  const [ownProblems, setOwnProblems] = useState<readonly ParameterProblem[]>([]);
  const [problems, setProblems] = useState<readonly ParameterProblem[]>([]);
  const [focus, setFocus] = useState<{ field: string; seq: number }>();

  const showProblems = (found: readonly ParameterProblem[]): void => {
    setProblems(found);
    const first = found[0];
    if (first !== undefined) setFocus((previous) => ({ field: first.field, seq: (previous?.seq ?? 0) + 1 }));
  };

  const create = useMutation({
    mutationFn: () =>
      expectOk(
        api.POST('/api/templates/{id}/import', {
          params: { path: { id: template.id } },
          body: { language, parameters: importParameters(template.parameters, answers) },
        }),
      ),
    onSuccess: async (workflow) => {
      await queryClient.invalidateQueries({ queryKey: flowsQueryKey });
      await navigate({ to: '/flows/$flowId', params: { flowId: workflow.id } });
    },
    onError: (error) => showProblems(problemsOf(error, { missing: t('importDialog.missing') })),
  });

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    // The form checks the schema as the person types (a required answer, a time that is no time)
    // and shows it on the field; a required picker it leaves unflagged gets the dialog's words.
    const missing = missingAnswers(template.parameters, answers, t('importDialog.missing')).filter(
      (problem) => !ownProblems.some((own) => own.field === problem.field),
    );
    const first = [...ownProblems, ...missing][0];
    if (first !== undefined) {
      setProblems(missing);
      setFocus((previous) => ({ field: first.field, seq: (previous?.seq ?? 0) + 1 }));
      return;
    }
    setProblems([]);
    create.mutate();
  };

  // Issues the fields show are not repeated in the alert above the form.
  const formError = create.error instanceof ApiRequestError && problemsOf(create.error, { missing: '' }).length > 0 ? undefined : create.error;
  const title = template.title[language];
  const hasQuestions = template.parameters.length > 0;

  return (
    <ModalDialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={t('importDialog.title', { title })}
      description={hasQuestions ? t('importDialog.intro') : t('importDialog.noQuestions')}
    >
      <form className={`${forms.form} ${styles.importForm}`} onSubmit={submit} noValidate>
        <FormError error={formError} messages={{ TEMPLATE_NODE_MISSING: t('importDialog.nodeMissing') }} />
        {hasQuestions && (
          <SchemaForm
            idPrefix={`import-${template.id}`}
            schema={schema}
            value={answers}
            onChange={(next) => {
              setAnswers(next as Record<string, unknown>);
              setProblems([]);
            }}
            problems={problems}
            focusField={focus}
            onValidate={setOwnProblems}
          />
        )}
        <div className={forms.actions}>
          <button type="button" className={buttons.secondary} onClick={onClose}>
            {t('importDialog.cancel')}
          </button>
          <button type="submit" className={buttons.primary} disabled={create.isPending}>
            {create.isPending ? t('importDialog.submitting') : t('importDialog.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
