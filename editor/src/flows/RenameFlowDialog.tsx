import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { useFormat } from '../i18n/useFormat.ts';
import buttons from '../ui/buttons.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { checkRequired, type Problem } from '../ui/form-checks.ts';
import forms from '../ui/forms.module.css';
import { ModalDialog } from '../ui/ModalDialog.tsx';
import { useProblemText } from '../ui/useProblemText.ts';
import type { WorkflowSummary } from './flow-status.ts';
import { maxFlowNameLength } from './copy-name.ts';
import { flowsQueryKey } from './flows-query.ts';
import { type RevisionConflict, revisionConflictOf } from './revision-conflict.ts';

/**
 * Renames a flow (`PATCH /api/workflows/:id`) over the revision the list showed (If-Match), so a
 * save made in the editor meanwhile is never silently renamed over: the server refuses with 409,
 * the dialog says who changed it and when, the list reloads, and renaming again applies over the
 * revision now current.
 */
export function RenameFlowDialog({ flow, onClose }: { readonly flow: WorkflowSummary; onClose(): void }) {
  const { t } = useTranslation('flows');
  const api = useApiClient();
  const format = useFormat();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const [name, setName] = useState(flow.name);
  const [problem, setProblem] = useState<Problem>();
  const [revision, setRevision] = useState(flow.revision);
  const [conflict, setConflict] = useState<RevisionConflict>();
  const rename = useMutation({
    mutationFn: () =>
      expectOk(
        api.PATCH('/api/workflows/{id}', {
          params: { path: { id: flow.id } },
          body: { name: name.trim() },
          headers: { 'If-Match': `"${revision}"` },
        }),
      ),
    onMutate: () => setConflict(undefined),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: flowsQueryKey });
      onClose();
    },
    onError: (error) => {
      const found = revisionConflictOf(error);
      if (found === undefined) return;
      setConflict(found);
      setRevision(found.currentRevision);
      void queryClient.invalidateQueries({ queryKey: flowsQueryKey });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = checkRequired(name);
    setProblem(found);
    if (found !== undefined) return;
    if (name.trim() === flow.name && conflict === undefined) onClose();
    else rename.mutate();
  };
  return (
    <ModalDialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={t('renameDialog.title', { name: flow.name })}
      description={t('renameDialog.intro')}
    >
      <form className={forms.form} onSubmit={submit} noValidate>
        {conflict !== undefined ? (
          <div className={forms.notice} role="alert">
            <CircleAlert size={18} aria-hidden="true" />
            <p>
              {conflict.updatedBy === null
                ? t('renameDialog.conflictAnonymous', { when: format.relative(conflict.updatedAt) })
                : t('renameDialog.conflict', { name: conflict.updatedBy.name, when: format.relative(conflict.updatedAt) })}
            </p>
          </div>
        ) : (
          <FormError error={rename.error} messages={{ WORKFLOW_ARCHIVED: t('errors.archived') }} />
        )}
        <Field label={t('renameDialog.name')} error={problemText(problem)}>
          {(control) => (
            <input
              {...control}
              className={forms.input}
              name="name"
              autoComplete="off"
              maxLength={maxFlowNameLength}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setProblem(undefined);
              }}
              onFocus={(event) => event.currentTarget.select()}
            />
          )}
        </Field>
        <div className={forms.actions}>
          <button type="button" className={buttons.secondary} onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className={buttons.primary} disabled={rename.isPending}>
            {t('renameDialog.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
