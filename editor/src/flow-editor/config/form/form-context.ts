import type { ComboboxOption } from '../pickers/combobox-filter.ts';
import type { TemplateScope } from '../template-scope.ts';

/** What every field of a SchemaForm may read (RJSF's formContext). */
export interface SchemaFormContext {
  /** What a template field at this place may read; undefined outside a flow (the template import dialog). */
  readonly templateScope: TemplateScope | undefined;
  /** For `x-picker: 'node'`: the other nodes of the flow, by id with their names. */
  readonly nodeOptions?: readonly ComboboxOption[] | undefined;
}
