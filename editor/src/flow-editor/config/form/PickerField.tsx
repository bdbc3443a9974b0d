import type { FieldProps } from '@rjsf/utils';
import { asSchema, schemaTitle } from '../json-schema.ts';
import { Picker } from '../pickers/Picker.tsx';
import { describedByOf } from './field-ids.ts';
import { fieldKindOf } from './field-kind.ts';
import type { SchemaFormContext } from './form-context.ts';

/** A field with `x-picker`: the Picker of its kind, labelled by the field's label or legend. */
export function PickerField(props: FieldProps) {
  const { schema, formData, onChange, fieldPathId, registry, required, disabled, readonly, rawErrors, errorSchema, name } = props;
  const kind = fieldKindOf(asSchema(schema));
  if (kind.kind !== 'picker') return null;
  const id = fieldPathId.$id;
  const context = registry.formContext as SchemaFormContext | undefined;
  const hasDescription = typeof schema.description === 'string' && schema.description !== '';
  const errors = rawErrors ?? [];
  return (
    <Picker
      kind={kind.picker}
      multiple={kind.multiple}
      id={id}
      value={formData}
      onChange={(next) => onChange(next === '' ? undefined : next, fieldPathId.path, undefined, id)}
      describedBy={describedByOf(id, hasDescription, errors)}
      label={schemaTitle(asSchema(schema)) ?? name}
      invalid={errors.length > 0}
      required={required === true}
      disabled={disabled === true || readonly === true}
      errorSchema={errorSchema}
      {...(context?.nodeOptions === undefined ? {} : { nodeOptions: context.nodeOptions })}
    />
  );
}
