import { getDefaultRegistry } from '@rjsf/core';
import type { FieldProps } from '@rjsf/utils';
import { asSchema } from '../json-schema.ts';
import { fieldKindOf } from './field-kind.ts';
import { PickerField } from './PickerField.tsx';
import { RecordField } from './RecordField.tsx';
import { TemplateField } from './TemplateField.tsx';

// RJSF's own fields, for everything the annotations do not change.
const core = getDefaultRegistry().fields;

/**
 * RJSF picks a field by the schema's type; these pick ours where the schema asks for more:
 * `x-picker` (a Picker instead of typing), `x-template` (the template editor), an object of
 * free names (a list of name and value rows).
 */
export function StringField(props: FieldProps) {
  const kind = fieldKindOf(asSchema(props.schema));
  if (kind.kind === 'picker') return <PickerField {...props} />;
  if (kind.kind === 'template') return <TemplateField {...props} />;
  const Core = core.StringField;
  return Core === undefined ? null : <Core {...props} />;
}

export function ArrayField(props: FieldProps) {
  const kind = fieldKindOf(asSchema(props.schema));
  if (kind.kind === 'picker') return <PickerField {...props} />;
  const Core = core.ArrayField;
  return Core === undefined ? null : <Core {...props} />;
}

export function ObjectField(props: FieldProps) {
  const kind = fieldKindOf(asSchema(props.schema));
  if (kind.kind === 'record') return <RecordField {...props} />;
  const Core = core.ObjectField;
  return Core === undefined ? null : <Core {...props} />;
}
