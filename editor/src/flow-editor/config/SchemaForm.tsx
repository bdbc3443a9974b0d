import Form, { type IChangeEvent } from '@rjsf/core';
import { createSchemaUtils, deepEquals, type RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { CircleAlert } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { AnyValueField } from './form/AnyValueEditor.tsx';
import { ArrayFieldItemButtons, ArrayFieldItemTemplate, ArrayFieldTemplate } from './form/ArrayFieldTemplate.tsx';
import { ArrayField, ObjectField, StringField } from './form/annotated-fields.tsx';
import { FieldTemplate } from './form/FieldTemplate.tsx';
import type { SchemaFormContext } from './form/form-context.ts';
import { focusField as focusFieldIn } from './form/focus-field.ts';
import { ObjectFieldTemplate } from './form/ObjectFieldTemplate.tsx';
import styles from './form/schema-form.module.css';
import { UnionField } from './form/UnionField.tsx';
import { SelectWidget, SwitchWidget, TextWidget } from './form/widgets.tsx';
import { baselineOf, changedFields, withoutUndefined } from './form/form-changes.ts';
import { asSchema } from './json-schema.ts';
import type { ComboboxOption } from './pickers/combobox-filter.ts';
import { mergeProblems, placeProblems } from './problem-fields.ts';
import type { TemplateScope } from './template-scope.ts';
import { type FieldProblem, validateConfig } from './validate-config.ts';

export interface SchemaFormChange {
  /** The top-level fields whose values changed, by name (`capacity`): what to write and what to coalesce by. */
  readonly fields: readonly string[];
}

export interface FocusFieldRequest {
  /** A JSON Pointer into the value (`/capacity`, `/schedule/2/close`). */
  readonly field: string;
  /** Bumped to focus the same field again. */
  readonly seq: number;
}

export interface SchemaFormProps {
  /** A JSON Schema of an object (a node type's configSchema, a template's parameters). */
  readonly schema: unknown;
  readonly value: unknown;
  /** Called with the whole value (defaults filled in) after each change the person makes. */
  readonly onChange: (value: unknown, change: SchemaFormChange) => void;
  /** Problems found elsewhere (the server's issues, the editor's checks), each on the field its pointer names. */
  readonly problems?: readonly FieldProblem[];
  /** Focuses this field's input (and scrolls to it); a pointer the form does not show focuses its nearest shown ancestor. */
  readonly focusField?: string | FocusFieldRequest | undefined;
  /** Starts every id in the form, so two forms on a page do not clash. */
  readonly idPrefix: string;
  /** What template fields may read here, for their autocomplete and preview. */
  readonly templateScope?: TemplateScope | undefined;
  /** The flow's nodes, for `x-picker: 'node'`. */
  readonly nodeOptions?: readonly ComboboxOption[] | undefined;
  readonly disabled?: boolean;
  /** Called with the form's own problems (the schema's checks as the person types) whenever they change. */
  readonly onValidate?: (problems: readonly FieldProblem[]) => void;
  /**
   * Whether the form lists, above its fields, the problems no field shows (about the whole value,
   * a hidden field, a setting the schema lacks). Defaults to true; a host that lists every problem
   * itself (the config panel) turns it off.
   */
  readonly listUnplaced?: boolean;
}

/**
 * How RJSF fills in what the value leaves out, as close as it gets to what the engine does
 * (ajv's useDefaults): `default`s, but no made-up list items for a `minItems` and no optional
 * object conjured with its defaults. A list the schema requires and the value lacks is then
 * shown empty and flagged, not shown with an item the value does not have.
 */
const defaultsBehavior = { arrayMinItems: { populate: 'never' }, emptyObjectFields: 'populateRequiredDefaults' } as const;

const templates = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldItemButtonsTemplate: ArrayFieldItemButtons,
  // Errors are drawn by FieldTemplate, under the field they belong to.
  FieldErrorTemplate: () => null,
  FieldHelpTemplate: () => null,
  ButtonTemplates: { SubmitButton: () => null },
};

const widgets = {
  TextWidget,
  TextareaWidget: TextWidget,
  EmailWidget: TextWidget,
  URLWidget: TextWidget,
  DateWidget: TextWidget,
  DateTimeWidget: TextWidget,
  TimeWidget: TextWidget,
  UpDownWidget: TextWidget,
  SelectWidget,
  RadioWidget: SelectWidget,
  CheckboxWidget: SwitchWidget,
};

const fields = {
  StringField,
  ArrayField,
  ObjectField,
  AnyOfField: UnionField,
  OneOfField: UnionField,
  FallbackField: AnyValueField,
};

/**
 * A form generated from a JSON Schema, on RJSF with our own accessible theme: labels tied to
 * their inputs, descriptions and errors read with them, enum labels from `x-enumNames`, unions
 * as a choice then a value, booleans as switches, lists with labelled add, move and remove
 * buttons, pickers for `x-picker`, the template editor for `x-template`, fields hidden while
 * their `x-when` does not hold. It checks the value as the person types, with ajv and the
 * same schema the server uses, in the app's language.
 *
 * @example
 * <SchemaForm idPrefix="import" schema={schema} value={value} onChange={(next) => setValue(next)} />
 */
export function SchemaForm(props: SchemaFormProps) {
  const { t } = useTranslation('flowConfig');
  const { language } = useLanguage();
  const { schema, value, onChange, problems, focusField, idPrefix, templateScope, nodeOptions, disabled, onValidate, listUnplaced = true } = props;
  const rootSchema = useMemo(() => asSchema(schema), [schema]);
  const schemaUtils = useMemo(() => createSchemaUtils(validator, rootSchema as RJSFSchema, defaultsBehavior), [rootSchema]);
  const fill = useCallback((data: unknown): unknown => schemaUtils.getDefaultFormState(rootSchema as RJSFSchema, data), [schemaUtils, rootSchema]);

  // What the form last reported. While the value handed back is that report in other words
  // (its defaults dropped, a cleared field deleted), the form keeps showing the report, so a
  // field the person just emptied does not jump back to its default under their cursor.
  const reported = useRef<{ readonly data: unknown } | undefined>(undefined);
  const filledValue = useMemo(() => fill(value), [value, fill]);
  const last = reported.current;
  const formData = last !== undefined && deepEquals(fill(withoutUndefined(last.data)), filledValue) ? last.data : value;

  const own = useMemo(() => validateConfig(rootSchema, value, { t, language }), [rootSchema, value, t, language]);
  const placed = useMemo(() => placeProblems(mergeProblems(own, problems ?? []), rootSchema, filledValue), [own, problems, rootSchema, filledValue]);
  useEffect(() => onValidate?.(own), [own, onValidate]);

  const context = useMemo((): SchemaFormContext => ({ templateScope, nodeOptions }), [templateScope, nodeOptions]);

  const container = useRef<HTMLDivElement>(null);
  const focusKey = typeof focusField === 'string' ? focusField : focusField === undefined ? undefined : `${focusField.field}\u0000${focusField.seq}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusKey carries the request
  useEffect(() => {
    if (focusField === undefined || container.current === null) return;
    const pointer = typeof focusField === 'string' ? focusField : focusField.field;
    // After the panel renders the node's fields (a request may come with the node it opens).
    const frame = requestAnimationFrame(() => {
      if (container.current !== null) focusFieldIn(container.current, pointer);
    });
    return () => cancelAnimationFrame(frame);
  }, [focusKey]);

  const handleChange = (event: IChangeEvent) => {
    const next: unknown = event.formData;
    const before = baselineOf(formData, fill);
    reported.current = { data: next };
    const changed = changedFields(before, next);
    if (changed.length > 0) onChange(next, { fields: changed });
  };

  return (
    <div ref={container} className={styles.form}>
      {listUnplaced && placed.unplaced.length > 0 && (
        <section className={styles.unplaced} aria-label={t('form.otherProblems')}>
          {placed.unplaced.length === 1 ? (
            <p className={styles.error}>
              <CircleAlert size={14} aria-hidden="true" />
              <span>{placed.unplaced[0]?.message}</span>
            </p>
          ) : (
            <ul>
              {placed.unplaced.map((problem) => (
                <li key={`${problem.field}\u0000${problem.message}`}>{problem.message}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      <Form
        tagName="div"
        schema={rootSchema as RJSFSchema}
        validator={validator}
        formData={formData}
        onChange={handleChange}
        idPrefix={idPrefix}
        templates={templates}
        widgets={widgets}
        fields={fields}
        formContext={context}
        extraErrors={placed.errorSchema}
        showErrorList={false}
        noHtml5Validate
        disabled={disabled === true}
        experimental_defaultFormStateBehavior={defaultsBehavior}
      />
    </div>
  );
}
