import type { WidgetProps } from '@rjsf/utils';
import { type ChangeEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import forms from '../../../ui/forms.module.css';
import { asSchema, enumLabel } from '../json-schema.ts';
import { describedByOf } from './field-ids.ts';
import { fieldKindOf } from './field-kind.ts';
import styles from './schema-form.module.css';

function hasDescription(props: WidgetProps): boolean {
  return typeof props.schema.description === 'string' && props.schema.description !== '';
}

/**
 * Text and numbers: one input (a text area for long text), labelled by the field's
 * `<label for>`, described by its description and errors. A number is typed as text
 * (inputMode numeric) and read by RJSF's NumberField, so a half-typed "1," is kept.
 */
export function TextWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, onBlur, onFocus, onChange, options, schema, rawErrors, placeholder } = props;
  const kind = fieldKindOf(asSchema(schema));
  const invalid = (rawErrors?.length ?? 0) > 0;
  const common = {
    id,
    name: id,
    className: forms.input,
    required,
    disabled,
    readOnly: readonly,
    placeholder: placeholder || undefined,
    'aria-invalid': invalid,
    'aria-describedby': describedByOf(id, hasDescription(props), rawErrors),
    onBlur: (event: { target: { value: string } }) => onBlur(id, event.target.value),
    onFocus: (event: { target: { value: string } }) => onFocus(id, event.target.value),
  };
  const text = value === undefined || value === null ? '' : String(value);
  const change = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value === '' ? options.emptyValue : event.target.value);
  if (kind.kind === 'text' && kind.multiline) {
    return <textarea {...common} className={styles.textarea} rows={4} value={text} onChange={change} maxLength={numberOr(schema.maxLength)} />;
  }
  if (kind.kind === 'number') {
    return <input {...common} type="text" inputMode={kind.integer ? 'numeric' : 'decimal'} autoComplete="off" value={text} onChange={change} />;
  }
  const inputType = kind.kind === 'text' ? kind.inputType : 'text';
  return (
    <input
      {...common}
      type={inputType}
      autoComplete="off"
      spellCheck={inputType === 'text' ? undefined : false}
      value={text}
      onChange={change}
      maxLength={numberOr(schema.maxLength)}
    />
  );
}

/** An enum, or a union of constants, as a select whose options read as `x-enumNames` (or the options' titles). */
export function SelectWidget(props: WidgetProps) {
  const { t } = useTranslation('flowConfig');
  const { id, value, required, disabled, readonly, onBlur, onFocus, onChange, options, schema, rawErrors } = props;
  const choices = options.enumOptions ?? [];
  const selected = choices.findIndex((choice) => Object.is(choice.value, value));
  const labelOf = (choice: { value: unknown; label: string }) => (Array.isArray(schema.enum) ? enumLabel(asSchema(schema), choice.value) : choice.label);
  return (
    <select
      id={id}
      name={id}
      className={forms.select}
      required={required}
      disabled={disabled || readonly}
      aria-invalid={(rawErrors?.length ?? 0) > 0}
      aria-describedby={describedByOf(id, hasDescription(props), rawErrors)}
      value={selected === -1 ? '' : String(selected)}
      onChange={(event) => onChange(event.target.value === '' ? options.emptyValue : choices[Number(event.target.value)]?.value)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    >
      {(selected === -1 || !required) && <option value="">{t('form.choose')}</option>}
      {choices.map((choice, index) => (
        <option key={String(index)} value={String(index)}>
          {labelOf(choice)}
        </option>
      ))}
    </select>
  );
}

/** A boolean as a switch: a checkbox with role="switch" and its label beside it. */
export function SwitchWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onBlur, onFocus, onChange, label, rawErrors } = props;
  const labelId = useId();
  return (
    <div className={styles.switchRow}>
      <input
        id={id}
        name={id}
        type="checkbox"
        role="switch"
        className={styles.switch}
        checked={value === true}
        aria-checked={value === true}
        disabled={disabled || readonly}
        aria-labelledby={labelId}
        aria-invalid={(rawErrors?.length ?? 0) > 0}
        aria-describedby={describedByOf(id, hasDescription(props), rawErrors)}
        onChange={(event) => onChange(event.target.checked)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <label id={labelId} htmlFor={id} className={styles.switchLabel}>
        {label}
      </label>
    </div>
  );
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
