import { CircleAlert, Trash2 } from 'lucide-react';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../../ui/buttons.module.css';
import forms from '../../ui/forms.module.css';
import { type FlowDraft, useFlow, useFlowStore } from '../document/flow-store.ts';
import { findNode, removeNodes } from '../document/operations.ts';
import { useNodeTypes } from '../node-types.ts';
import styles from './ConfigPanel.module.css';
import { asSchema, isSchema } from './json-schema.ts';
import type { ComboboxOption } from './pickers/combobox-filter.ts';
import { useProblemWords } from '../problems/useProblemWords.ts';
import { mergeProblems } from './problem-fields.ts';
import { type FocusFieldRequest, SchemaForm, type SchemaFormChange } from './SchemaForm.tsx';
import { templateScopeAt } from './template-scope.ts';
import { isHiddenAt } from './x-when.ts';
import { useScopeDefinition } from './useScopeDefinition.ts';
import { useTemplateScopeRoots } from './useTemplateScopeRoots.ts';
import { type FieldProblem, fieldName } from './validate-config.ts';

const noProblems: readonly FieldProblem[] = [];

/**
 * The settings of one step of the flow in the store: its name, what its type does, the form
 * generated from its type's config schema (checked as the person types), its problems on the
 * fields they name with "Go to field", and deleting it. Every edit is one `change`, and typing
 * in one field undoes as one step (`coalesce: config:<nodeId>:<field>`). `readOnly` (a viewer, an
 * archived flow) shows the same settings without letting them change.
 */
export function ConfigPanel({ nodeId, readOnly = false }: { readonly nodeId: string; readonly readOnly?: boolean }) {
  const { t } = useTranslation('flowConfig');
  const store = useFlowStore();
  const node = useFlow((state) => state.definition.nodes.find((each) => each.id === nodeId));
  const definition = useScopeDefinition();
  const given = useFlow((state) => state.problemsByNode.get(nodeId)) ?? noProblems;
  const request = useFlow((state) => state.focusRequest);
  const nodeTypes = useNodeTypes();
  const { roots, known: rootsKnown } = useTemplateScopeRoots();
  const [own, setOwn] = useState<readonly FieldProblem[]>(noProblems);
  const headingId = useId();
  const nameId = useId();

  const nodeType = node === undefined ? undefined : nodeTypes.data?.get(node.type);
  const schema = useMemo(() => asSchema(nodeType?.configSchema), [nodeType]);
  const scope = useMemo(
    () => (nodeTypes.data === undefined ? undefined : templateScopeAt(definition, nodeId, nodeTypes.data, roots, rootsKnown)),
    [definition, nodeId, nodeTypes.data, roots, rootsKnown],
  );
  const nodeOptions = useMemo(
    (): ComboboxOption[] =>
      definition.nodes
        .filter((other) => other.id !== nodeId)
        .map((other) => ({ value: other.id, label: other.name ?? nodeTypes.data?.get(other.type)?.title ?? other.type, detail: other.id })),
    [definition.nodes, nodeId, nodeTypes.data],
  );
  // The editor's words for the graph problems the server reports by code (useProblemWords).
  const words = useProblemWords();
  const problems = useMemo(
    () => given.map((problem) => ({ field: problem.field, message: words(problem, node?.type), code: problem.code })),
    [given, words, node?.type],
  );
  // The form shows the problems of its fields; the step's own (unreachable, a port used twice) are listed above it, once.
  const fieldProblems = useMemo(() => problems.filter((problem) => problem.field !== ''), [problems]);
  const focusField = useMemo((): FocusFieldRequest | undefined => {
    if (request === null || request.nodeId !== nodeId || request.field === undefined) return undefined;
    return { field: request.field, seq: request.seq };
  }, [request, nodeId]);
  const onValidate = useCallback((found: readonly FieldProblem[]) => setOwn(found), []);

  if (node === undefined) return <p className={styles.empty}>{t('panel.gone')}</p>;
  const typeTitle = nodeType?.title ?? node.type;
  const title = node.name ?? typeTitle;

  const onConfigChange = (next: unknown, { fields }: SchemaFormChange) => {
    const values = isSchema(next) ? next : {};
    const [first = ''] = fields;
    const label = t('panel.changeField', { field: fieldName(schema, `/${first.replaceAll('~', '~0').replaceAll('/', '~1')}`, t) });
    store.getState().change(
      label,
      (draft) => {
        const target = findNode(draft, nodeId);
        if (target === undefined) return;
        const config = target.config as Record<string, unknown>;
        for (const field of fields) {
          // A copy: the store freezes what it holds, and the form may still hold this value.
          if (values[field] === undefined) delete config[field];
          else config[field] = structuredClone(values[field]);
        }
      },
      { coalesce: `config:${nodeId}:${first}` },
    );
  };
  const rename = (name: string) =>
    store.getState().change(
      t('panel.renameLabel'),
      (draft: FlowDraft) => {
        const target = findNode(draft, nodeId);
        if (target === undefined) return;
        if (name.trim() === '') delete target.name;
        else target.name = name;
      },
      { coalesce: `name:${nodeId}` },
    );
  const remove = () => store.getState().change(t('panel.deleteLabel', { name: title }), (draft) => removeNodes(draft, [nodeId]));
  const listed = mergeProblems(own, problems);

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <header className={styles.header}>
        <div className={styles.heading}>
          <h3 id={headingId} className={styles.title}>
            {title}
          </h3>
          <p className={styles.type}>
            {nodeType === undefined ? node.type : `${typeTitle} · ${nodeType.category}`}
            <code className={styles.typeId}>{node.type}</code>
          </p>
        </div>
        {!readOnly && (
          <button
            type="button"
            className={buttons.icon}
            aria-label={t('panel.delete', { name: title })}
            title={t('panel.delete', { name: title })}
            onClick={remove}
          >
            <Trash2 size={18} aria-hidden="true" />
          </button>
        )}
      </header>
      {nodeType?.description !== undefined && nodeType.description !== '' && <p className={styles.description}>{nodeType.description}</p>}
      <div className={forms.field}>
        <label className={forms.label} htmlFor={nameId}>
          {t('panel.name')}
        </label>
        <input
          id={nameId}
          className={forms.input}
          type="text"
          autoComplete="off"
          maxLength={200}
          placeholder={typeTitle}
          value={node.name ?? ''}
          readOnly={readOnly}
          onChange={(event) => rename(event.target.value)}
        />
      </div>
      {listed.length > 0 && (
        <section className={styles.problems} aria-label={t('panel.problemsLabel', { count: listed.length })}>
          <p className={styles.problemsTitle}>
            <CircleAlert size={16} aria-hidden="true" />
            {t('panel.problems', { count: listed.length })}
          </p>
          <ul>
            {listed.map((problem) => (
              <li key={`${problem.field}\u0000${problem.message}`}>
                <span>{problem.message}</span>
                {problem.field !== '' && !isHiddenAt(schema, node.config, problem.field) && (
                  <button type="button" className={styles.goTo} onClick={() => store.getState().requestFocus(nodeId, problem.field)}>
                    {t('panel.goToField', { field: fieldName(schema, problem.field, t) })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {nodeTypes.isPending ? (
        <p className={styles.empty}>{t('panel.loading')}</p>
      ) : nodeType === undefined ? (
        <p className={forms.notice}>{t('panel.unknownType', { type: node.type })}</p>
      ) : isSchema(schema['properties']) && Object.keys(schema['properties']).length === 0 ? (
        <p className={styles.empty}>{t('panel.nothingToSet')}</p>
      ) : (
        <SchemaForm
          key={nodeId}
          idPrefix={`config-${nodeId}`}
          schema={schema}
          value={node.config}
          onChange={onConfigChange}
          problems={fieldProblems}
          focusField={focusField}
          templateScope={scope}
          nodeOptions={nodeOptions}
          onValidate={onValidate}
          disabled={readOnly}
          listUnplaced={false}
        />
      )}
    </section>
  );
}
