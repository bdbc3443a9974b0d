import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import buttons from '../ui/buttons.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { checkRequired, type Problem } from '../ui/form-checks.ts';
import forms from '../ui/forms.module.css';
import { ModalDialog } from '../ui/ModalDialog.tsx';
import { useProblemText } from '../ui/useProblemText.ts';
import { maxFlowNameLength } from './copy-name.ts';
import { flowsQueryKey } from './flows-query.ts';

/**
 * Asks for a name, creates an empty draft (`POST /api/workflows`) and opens it on the canvas,
 * where the trigger and the steps are added. A draft with no trigger saves; it only cannot be
 * published yet.
 */
export function CreateFlowDialog({ open, onClose }: { readonly open: boolean; onClose(): void }) {
  const { t } = useTranslation('flows');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const create = useMutation({
    mutationFn: () => expectOk(api.POST('/api/workflows', { body: { name: name.trim(), nodes: [], edges: [] } })),
    onSuccess: async (workflow) => {
      await queryClient.invalidateQueries({ queryKey: flowsQueryKey });
      await navigate({ to: '/flows/$flowId', params: { flowId: workflow.id } });
    },
  });
  const close = (): void => {
    setName('');
    setProblem(undefined);
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = checkRequired(name);
    setProblem(found);
    if (found === undefined) create.mutate();
  };
  return (
    <ModalDialog open={open} onOpenChange={(isOpen) => !isOpen && close()} title={t('createDialog.title')} description={t('createDialog.intro')}>
      <form className={forms.form} onSubmit={submit} noValidate>
        <FormError error={create.error} />
        <Field label={t('createDialog.name')} error={problemText(problem)}>
          {(control) => (
            <input
              {...control}
              className={forms.input}
              name="name"
              autoComplete="off"
              maxLength={maxFlowNameLength}
              placeholder={t('createDialog.placeholder')}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setProblem(undefined);
              }}
            />
          )}
        </Field>
        <p className={forms.hint}>
          {t('createDialog.templatesHint')}{' '}
          <Link to="/templates" onClick={close}>
            {t('createDialog.templatesLink')}
          </Link>
        </p>
        <div className={forms.actions}>
          <button type="button" className={buttons.secondary} onClick={close}>
            {t('cancel')}
          </button>
          <button type="submit" className={buttons.primary} disabled={create.isPending}>
            {t('createDialog.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
