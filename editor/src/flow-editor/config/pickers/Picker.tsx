import type { ErrorSchema } from '@rjsf/utils';
import { CircleAlert, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Combobox } from './Combobox.tsx';
import type { ComboboxOption } from './combobox-filter.ts';
import { HolidaysEditor } from './HolidaysEditor.tsx';
import type { ListPickerKind, PickerKind } from './picker-kind.ts';
import styles from './pickers.module.css';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { usePickerOptions } from './usePickerOptions.ts';

export interface PickerProps {
  readonly kind: PickerKind;
  /** The stored value: an id (a field key, a tag, a zone), a list of them with `multiple`, the schedule or holiday list. */
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  /** The id of the input, which the field's `<label for>` names. */
  readonly id: string;
  readonly describedBy?: string | undefined;
  readonly labelledBy?: string | undefined;
  /** Several values (an array of strings): chips and an input that adds. */
  readonly multiple?: boolean;
  /** The field's name, for the buttons' and messages' words ("Clear Team"). */
  readonly label?: string;
  readonly invalid?: boolean;
  readonly required?: boolean;
  readonly disabled?: boolean;
  readonly placeholder?: string;
  /** Problems inside a schedule or holiday list, by row (`{ 2: { close: { __errors } } }`). */
  readonly errorSchema?: ErrorSchema | undefined;
  /** For kind `node`: the other nodes of the flow. */
  readonly nodeOptions?: readonly ComboboxOption[];
}

/**
 * Picks a value from a list of things that exist instead of having it typed, by `x-picker`
 * kind: agents, teams, contact fields, snippets and workflows from the API, tags (typed or
 * suggested), time zones, the flow's nodes; or edits the opening hours or the holidays. It
 * shows names while the stored value stays the id; an id that names nothing (a deleted team)
 * shows as "unknown (id)" and says so.
 *
 * @example
 * <Picker kind="team" id="team" value={teamId} onChange={setTeamId} label="Team" />
 */
export function Picker(props: PickerProps) {
  const { kind } = props;
  if (kind === 'schedule') return <ScheduleEditor {...props} />;
  if (kind === 'holidays') return <HolidaysEditor {...props} />;
  return props.multiple === true ? <MultiplePicker {...props} kind={kind} /> : <SinglePicker {...props} kind={kind} />;
}

interface ListPickerProps extends PickerProps {
  readonly kind: ListPickerKind;
}

function SinglePicker({ kind, value, onChange, id, describedBy, labelledBy, label, invalid, required, disabled, placeholder, nodeOptions }: ListPickerProps) {
  const { t } = useTranslation('flowConfig');
  const { options, failed, freeEntry, accepts } = usePickerOptions(kind, nodeOptions);
  const current = typeof value === 'string' && value !== '' ? value : undefined;
  const known = current === undefined ? undefined : options?.find((option) => option.value === current);
  const unknown = current !== undefined && known === undefined && options !== undefined && !failed && !freeEntry && accepts?.(current) !== true;
  const unknownId = `${id}__unknown`;
  const failedId = `${id}__failed`;
  const describedByAll = joinIds(describedBy, unknown ? unknownId : undefined, failed ? failedId : undefined);
  return (
    <div className={styles.picker}>
      <Combobox
        id={id}
        options={failed ? [] : options}
        displayValue={known?.label ?? (unknown ? t('picker.unknown', { id: current }) : (current ?? ''))}
        onSelect={(next) => onChange(next)}
        describedBy={describedByAll}
        labelledBy={labelledBy}
        label={label}
        invalid={invalid === true || unknown}
        required={required}
        disabled={disabled}
        placeholder={placeholder ?? t(`picker.placeholder.${kind}`)}
        allowCustom={failed || freeEntry ? () => true : accepts}
        clearLabel={required === true ? undefined : t('picker.clear', { field: label ?? '' })}
      />
      {unknown && (
        <p id={unknownId} className={styles.problem} role="alert">
          <CircleAlert size={14} aria-hidden="true" />
          <span>{t(`picker.missing.${kind}`, { id: current })}</span>
        </p>
      )}
      {failed && (
        <p id={failedId} className={styles.note}>
          {t('picker.loadFailed')}
        </p>
      )}
    </div>
  );
}

function MultiplePicker({ kind, value, onChange, id, describedBy, labelledBy, label, invalid, required, disabled, placeholder, nodeOptions }: ListPickerProps) {
  const { t } = useTranslation('flowConfig');
  const { options, failed, freeEntry, accepts } = usePickerOptions(kind, nodeOptions);
  const values = Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  const labelOf = (entry: string) => options?.find((option) => option.value === entry)?.label;
  const isUnknown = (entry: string) => options !== undefined && !failed && !freeEntry && labelOf(entry) === undefined && accepts?.(entry) !== true;
  const unknown = values.filter(isUnknown);
  const unknownId = `${id}__unknown`;
  const add = (entry: string | undefined) => {
    if (entry === undefined || entry === '' || values.includes(entry)) return;
    onChange([...values, entry]);
  };
  const remove = (entry: string) => onChange(values.filter((other) => other !== entry));
  return (
    <div className={styles.picker}>
      {values.length > 0 && (
        <ul className={styles.chips} aria-label={label}>
          {values.map((entry) => {
            const name = labelOf(entry) ?? (isUnknown(entry) ? t('picker.unknown', { id: entry }) : entry);
            return (
              <li key={entry} className={styles.chip} data-unknown={isUnknown(entry) || undefined}>
                <span>{name}</span>
                <button
                  type="button"
                  className={styles.chipButton}
                  aria-label={t('picker.removeItem', { item: name })}
                  title={t('picker.removeItem', { item: name })}
                  disabled={disabled}
                  onClick={() => remove(entry)}
                >
                  <X size={14} aria-hidden="true" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Combobox
        id={id}
        options={failed ? [] : options}
        displayValue=""
        onSelect={add}
        describedBy={joinIds(describedBy, unknown.length > 0 ? unknownId : undefined)}
        labelledBy={labelledBy}
        label={label}
        invalid={invalid === true || unknown.length > 0}
        required={required === true && values.length === 0}
        disabled={disabled}
        placeholder={placeholder ?? t(`picker.placeholderAdd.${kind}`)}
        allowCustom={failed || freeEntry ? () => true : accepts}
        exclude={new Set(values)}
        clearAfterSelect
        onBackspaceEmpty={() => {
          const last = values.at(-1);
          if (last !== undefined) remove(last);
        }}
      />
      {unknown.length > 0 && (
        <p id={unknownId} className={styles.problem} role="alert">
          <CircleAlert size={14} aria-hidden="true" />
          <span>{t('picker.missingSome', { ids: unknown.join(', '), count: unknown.length })}</span>
        </p>
      )}
    </div>
  );
}

function joinIds(...ids: readonly (string | undefined)[]): string | undefined {
  const joined = ids.filter((entry) => entry !== undefined && entry !== '').join(' ');
  return joined === '' ? undefined : joined;
}
