import { ChevronDown, X } from 'lucide-react';
import { VisuallyHidden } from 'radix-ui';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import forms from '../../../ui/forms.module.css';
import { type ComboboxOption, filterOptions } from './combobox-filter.ts';
import styles from './pickers.module.css';

export interface ComboboxProps {
  readonly id: string;
  /** What to offer; undefined while it loads. */
  readonly options: readonly ComboboxOption[] | undefined;
  /** The text the input shows while the person is not typing: the chosen thing's name. */
  readonly displayValue: string;
  /** Called with the chosen option's value, or undefined when cleared. */
  readonly onSelect: (value: string | undefined) => void;
  readonly describedBy?: string | undefined;
  readonly labelledBy?: string | undefined;
  readonly invalid?: boolean;
  readonly required?: boolean;
  readonly disabled?: boolean;
  readonly placeholder?: string | undefined;
  /** Free entry: typed text this accepts can be chosen as it is (a new tag). */
  readonly allowCustom?: ((text: string) => boolean) | undefined;
  /** Shown as the clear button's name when set and something is chosen. */
  readonly clearLabel?: string | undefined;
  /** Values not to offer again (those a multiple picker already holds). */
  readonly exclude?: ReadonlySet<string> | undefined;
  /** Whether the input empties after a choice (a multiple picker adds and goes on). */
  readonly clearAfterSelect?: boolean;
  /** The field's name, for the list of options when no element labels it. */
  readonly label?: string | undefined;
  /** Backspace in the empty input (a multiple picker removes its last chip). */
  readonly onBackspaceEmpty?: (() => void) | undefined;
}

/**
 * A searchable list (the WAI-ARIA combobox pattern): typing filters, the arrow keys move
 * through the options (announced with aria-activedescendant), Enter chooses, Escape closes
 * and then restores, Tab leaves. The input shows the chosen thing's name, never its id.
 */
export function Combobox(props: ComboboxProps) {
  const { t } = useTranslation('flowConfig');
  const { id, options, displayValue, onSelect, describedBy, labelledBy, label, invalid, required, disabled, placeholder, allowCustom, clearLabel, exclude } =
    props;
  const listId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);

  const found = useMemo(() => {
    const offered = (options ?? []).filter((option) => !exclude?.has(option.value));
    const matches = filterOptions(offered, query ?? '');
    const typed = (query ?? '').trim();
    const custom: ComboboxOption[] =
      allowCustom !== undefined && typed !== '' && allowCustom(typed) && !matches.some((option) => option.value === typed || option.label === typed)
        ? [{ value: typed, label: t('picker.useTyped', { text: typed }) }]
        : [];
    return [...custom, ...matches];
  }, [options, exclude, query, allowCustom, t]);

  useEffect(() => {
    if (!open) return;
    const option = listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    option?.scrollIntoView({ block: 'nearest' });
  }, [active, open]);

  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (option: ComboboxOption | undefined) => {
    if (option === undefined) return;
    onSelect(option.value);
    setQuery(props.clearAfterSelect === true ? '' : null);
    setOpen(props.clearAfterSelect === true);
    setActive(0);
  };
  const move = (step: number) => {
    if (!open) {
      setOpen(true);
      return;
    }
    if (found.length === 0) return;
    setActive((current) => (current + step + found.length) % found.length);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        break;
      case 'Enter':
        if (open) {
          event.preventDefault();
          choose(found[active]);
        }
        break;
      case 'Escape':
        if (open || query !== null) {
          // The panel (a dialog, the config panel) must not close too.
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case 'Backspace':
        if ((query ?? '') === '' && props.onBackspaceEmpty !== undefined) props.onBackspaceEmpty();
        break;
    }
  };

  const loading = options === undefined;
  const activeOption = open ? found[active] : undefined;
  return (
    <div className={styles.combobox}>
      <div className={styles.inputWrap}>
        <input
          ref={inputRef}
          id={id}
          className={forms.input}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeOption === undefined ? undefined : `${listId}-${active}`}
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          aria-invalid={invalid === true}
          aria-required={required === true}
          disabled={disabled}
          placeholder={placeholder}
          value={query ?? displayValue}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            const typed = (query ?? '').trim();
            if (typed !== '' && allowCustom?.(typed) === true) onSelect(typed);
            close();
          }}
          onClick={() => setOpen(true)}
        />
        <div className={styles.inputButtons}>
          {clearLabel !== undefined && displayValue !== '' && !disabled && (
            <button
              type="button"
              className={styles.inputButton}
              aria-label={clearLabel}
              title={clearLabel}
              onClick={() => {
                onSelect(undefined);
                inputRef.current?.focus();
              }}
            >
              <X size={16} aria-hidden="true" />
            </button>
          )}
          <button
            type="button"
            className={styles.inputButton}
            tabIndex={-1}
            aria-label={t('picker.showOptions')}
            disabled={disabled}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setOpen((current) => !current);
              inputRef.current?.focus();
            }}
          >
            <ChevronDown size={16} aria-hidden="true" />
          </button>
        </div>
      </div>
      {open && (loading || found.length === 0) && (
        <div className={styles.listbox}>{<p className={styles.listNote}>{loading ? t('picker.loading') : t('picker.noMatch')}</p>}</div>
      )}
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-labelledby={labelledBy}
        aria-label={labelledBy === undefined ? label : undefined}
        className={styles.listbox}
        hidden={!open || loading || found.length === 0}
      >
        {found.map((option, index) => (
          // biome-ignore lint/a11y/useFocusableInteractive: the input keeps the focus and points here with aria-activedescendant (the WAI-ARIA combobox pattern)
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the input's (arrows, Enter)
          <div
            key={option.value}
            id={`${listId}-${index}`}
            data-index={index}
            role="option"
            aria-selected={index === active}
            className={styles.option}
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => setActive(index)}
            onClick={() => choose(option)}
          >
            <span className={styles.optionLabel}>{option.label}</span>
            {option.detail !== undefined && <span className={styles.optionDetail}>{option.detail}</span>}
          </div>
        ))}
      </div>
      <VisuallyHidden.Root id={statusId} role="status">
        {open && !loading ? t('picker.found', { count: found.length }) : ''}
      </VisuallyHidden.Root>
    </div>
  );
}
