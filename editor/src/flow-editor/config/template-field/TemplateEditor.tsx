import {
  autocompletion,
  type Completion,
  type CompletionContext,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  startCompletion,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { liquid } from '@codemirror/lang-liquid';
import { defaultHighlightStyle, LanguageSupport, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { Annotation, Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { Braces } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateScope } from '../template-scope.ts';
import { completeTemplate, type TemplateCompletion } from './template-completions.ts';
import styles from './template-field.module.css';

export interface TemplateEditorProps {
  /** The id of the editable content, which "go to field" focuses. */
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** A message (Enter adds a line) rather than one line (Enter adds nothing). */
  readonly multiline: boolean;
  readonly scope: TemplateScope | undefined;
  readonly labelledBy?: string | undefined;
  /** The name to read when no label element names the field (a value in a row of names and values). */
  readonly label?: string | undefined;
  readonly describedBy?: string | undefined;
  readonly invalid?: boolean;
  readonly disabled?: boolean;
  readonly placeholder?: string | undefined;
}

/** Marks the transaction that puts a new value from outside (undo, another tab) into the editor. */
const fromOutside = Annotation.define<boolean>();

// The text around `{{ }}` is plain: no HTML (lang-liquid's default base) to autocomplete or color.
const plainText = new LanguageSupport(
  StreamLanguage.define({
    token(stream) {
      stream.skipToEnd();
      return null;
    },
  }),
);

/**
 * A Liquid template field on CodeMirror 6: highlighting of `{{ }}` and `{% %}`, and inside
 * them autocomplete over what the step can read (trigger data, contact, conversation, vars,
 * earlier steps' outputs) and the filters; the "Insert a variable" button opens the same list.
 * Tab leaves the field (no indentWithTab), so the editor never traps the keyboard; the content
 * is labelled and described like any input.
 */
export function TemplateEditor(props: TemplateEditorProps) {
  const { t } = useTranslation('flowConfig');
  const { id, value, multiline, labelledBy, label, describedBy, invalid, disabled, placeholder } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const scope = useRef(props.scope);
  scope.current = props.scope;
  const compartments = useRef({ attributes: new Compartment(), editable: new Compartment(), placeholder: new Compartment() });
  const exampleLabel = t('template.example');
  const labels = useRef({ exampleLabel });
  labels.current = { exampleLabel };

  // The editor is made once; what changes later goes in through its compartments.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created on mount only, the refs carry what changes
  useEffect(() => {
    if (host.current === null) return;
    const source = (context: CompletionContext) => {
      const answer = completeTemplate(context.state.doc.toString(), context.pos, scope.current);
      if (answer === null || (answer.options.length === 0 && !context.explicit)) return null;
      return { from: answer.from, options: answer.options.map((option) => completionOf(option, labels.current.exampleLabel)), validFor: /^\w*$/ };
    };
    const extensions: Extension[] = [
      history(),
      closeBrackets(),
      liquid({ base: plainText }),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      autocompletion({ override: [source], icons: false, activateOnTyping: true }),
      keymap.of([...closeBracketsKeymap, ...completionKeymap, ...(multiline ? [] : [{ key: 'Enter', run: () => true }]), ...defaultKeymap, ...historyKeymap]),
      EditorView.lineWrapping,
      compartments.current.attributes.of(EditorView.contentAttributes.of(contentAttributes(props))),
      compartments.current.editable.of(EditorView.editable.of(disabled !== true)),
      compartments.current.placeholder.of(placeholder === undefined ? [] : placeholderText(placeholder)),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged || update.transactions.some((transaction) => transaction.annotation(fromOutside) === true)) return;
        onChange.current(update.state.doc.toString());
      }),
    ];
    if (!multiline) extensions.push(oneLine);
    view.current = new EditorView({ parent: host.current, state: EditorState.create({ doc: value, extensions }) });
    return () => {
      view.current?.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === null || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value }, annotations: fromOutside.of(true) });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: [
        compartments.current.attributes.reconfigure(
          EditorView.contentAttributes.of(contentAttributes({ id, multiline, labelledBy, label, describedBy, invalid })),
        ),
        compartments.current.editable.reconfigure(EditorView.editable.of(disabled !== true)),
        compartments.current.placeholder.reconfigure(placeholder === undefined ? [] : placeholderText(placeholder)),
      ],
    });
  }, [id, multiline, labelledBy, label, describedBy, invalid, disabled, placeholder]);

  const insertVariable = () => {
    const editor = view.current;
    if (editor === null) return;
    const { from, to } = editor.state.selection.main;
    editor.dispatch({ changes: { from, to, insert: '{{  }}' }, selection: { anchor: from + 3 } });
    editor.focus();
    startCompletion(editor);
  };

  return (
    <div className={styles.editor} data-multiline={multiline || undefined} data-invalid={invalid === true || undefined}>
      <div ref={host} className={styles.host} />
      <button
        type="button"
        className={styles.insert}
        onClick={insertVariable}
        disabled={disabled}
        aria-label={t('template.insertVariable')}
        title={t('template.insertVariable')}
      >
        <Braces size={15} aria-hidden="true" />
      </button>
    </div>
  );
}

function contentAttributes({
  id,
  multiline,
  labelledBy,
  label,
  describedBy,
  invalid,
}: Pick<TemplateEditorProps, 'id' | 'multiline' | 'labelledBy' | 'label' | 'describedBy' | 'invalid'>) {
  const attributes: Record<string, string> = { id, 'aria-multiline': multiline ? 'true' : 'false', 'aria-invalid': invalid === true ? 'true' : 'false' };
  if (labelledBy !== undefined) attributes['aria-labelledby'] = labelledBy;
  else if (label !== undefined) attributes['aria-label'] = label;
  if (describedBy !== undefined) attributes['aria-describedby'] = describedBy;
  return attributes;
}

/** One line: a pasted or completed line break becomes a space. */
const oneLine = EditorState.transactionFilter.of((transaction) => {
  if (!transaction.docChanged || transaction.newDoc.lines === 1) return transaction;
  const changes: { from: number; to: number; insert: string }[] = [];
  transaction.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: inserted.toString().replace(/\r?\n/g, ' ') });
  });
  return { changes, ...(transaction.selection === undefined ? {} : { selection: transaction.selection }), scrollIntoView: transaction.scrollIntoView };
});

function completionOf(option: TemplateCompletion, exampleLabel: string): Completion {
  const type = option.type === 'filter' ? 'function' : option.type;
  const variable = option.variable;
  const info = variable === undefined ? undefined : infoOf(variable.description, variable.example, exampleLabel);
  return {
    label: option.label,
    type,
    ...(option.detail === undefined ? {} : { detail: option.detail }),
    ...(info === undefined ? {} : { info }),
    // The scope's names before liquid's keywords when both match.
    boost: option.type === 'variable' ? 1 : 0,
  };
}

function infoOf(description: string | undefined, example: unknown, exampleLabel: string): string | undefined {
  const lines: string[] = [];
  if (description !== undefined) lines.push(description);
  if (example !== undefined && typeof example !== 'object') lines.push(`${exampleLabel}: ${String(example)}`);
  return lines.length === 0 ? undefined : lines.join('\n');
}
