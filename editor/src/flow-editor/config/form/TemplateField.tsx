import type { FieldProps } from '@rjsf/utils';
import { asSchema } from '../json-schema.ts';
import { TemplateEditor } from '../template-field/TemplateEditor.tsx';
import { TemplatePreview } from '../template-field/TemplatePreview.tsx';
import { describedByOf } from './field-ids.ts';
import { fieldKindOf } from './field-kind.ts';
import type { SchemaFormContext } from './form-context.ts';

/** A string with `x-template`: the CodeMirror template editor and, under it, the live preview. */
export function TemplateField(props: FieldProps) {
  const { schema, formData, onChange, fieldPathId, registry, disabled, readonly, rawErrors } = props;
  const kind = fieldKindOf(asSchema(schema));
  const id = fieldPathId.$id;
  const context = registry.formContext as SchemaFormContext | undefined;
  const text = typeof formData === 'string' ? formData : '';
  const errors = rawErrors ?? [];
  return (
    <>
      <TemplateEditor
        id={id}
        value={text}
        onChange={(next) => onChange(next === '' ? undefined : next, fieldPathId.path, undefined, id)}
        multiline={kind.kind === 'template' && kind.multiline}
        scope={context?.templateScope}
        labelledBy={`${id}__label`}
        describedBy={describedByOf(id, typeof schema.description === 'string' && schema.description !== '', errors)}
        invalid={errors.length > 0}
        disabled={disabled === true || readonly === true}
      />
      <TemplatePreview id={`${id}__preview`} template={text} scope={context?.templateScope} />
    </>
  );
}
