import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connect, disconnect } from '../document/operations.ts';
import { useFlow, useFlowStore } from '../document/flow-store.ts';
import { portLabel, portsOfNode } from '../document/ports.ts';
import type { NodeTypeIndex } from '../node-types.ts';
import buttons from '../../ui/buttons.module.css';
import forms from '../../ui/forms.module.css';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { resolvedPort, targetOfPort } from './connection-rules.ts';

export interface ConnectDialogProps {
  readonly nodeId: string;
  readonly nodeTypes: NodeTypeIndex | undefined;
  onClose(): void;
}

/**
 * The keyboard's way to connect (and disconnect): choose one of the step's ports, then the step
 * it leads to, or none. Choosing a port that leads somewhere already moves that edge.
 */
export function ConnectDialog({ nodeId, nodeTypes, onClose }: ConnectDialogProps) {
  const { t } = useTranslation('canvas');
  const store = useFlowStore();
  const definition = useFlow((state) => state.definition);
  const id = useId();
  const node = definition.nodes.find((each) => each.id === nodeId);
  const nodeType = node === undefined ? undefined : nodeTypes?.get(node.type);
  const ports = node === undefined || nodeType === undefined ? [] : portsOfNode(node, nodeType);
  const firstFree = ports.find((port) => targetOfPort(definition.edges, nodeId, port, ports) === undefined) ?? ports[0];
  const [port, setPort] = useState(firstFree ?? '');
  const current = port === '' ? undefined : targetOfPort(definition.edges, nodeId, port, ports);
  const [target, setTarget] = useState<string | undefined>(undefined);
  const chosenTarget = target ?? current ?? '';
  const titleOf = (id: string) => {
    const each = definition.nodes.find((candidate) => candidate.id === id);
    return each?.name?.trim() || nodeTypes?.get(each?.type ?? '')?.title || id;
  };
  const targets = definition.nodes.filter((each) => each.id !== nodeId && nodeTypes?.get(each.type)?.kind !== 'trigger');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (node === undefined || port === '') return onClose();
    const existing = definition.edges.find((edge) => edge.from === nodeId && resolvedPort(edge, ports) === port);
    if (chosenTarget === '') {
      if (existing !== undefined) store.getState().change(t('history.disconnect'), (draft) => disconnect(draft, existing));
    } else {
      store.getState().change(t('history.connect'), (draft) => connect(draft, { from: nodeId, port, to: chosenTarget }, { sourcePorts: ports }));
    }
    onClose();
  };

  const title = node === undefined ? '' : titleOf(node.id);
  return (
    <ModalDialog open onOpenChange={(open) => !open && onClose()} title={t('connect.title', { step: title })} description={t('connect.intro')}>
      {ports.length === 0 ? (
        <div className={forms.form}>
          <p>{t('connect.noPorts')}</p>
          <div className={forms.actions}>
            <button type="button" className={buttons.secondary} onClick={onClose}>
              {t('connect.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <form className={forms.form} onSubmit={submit}>
          <div className={forms.field}>
            <label htmlFor={`${id}-port`} className={forms.label}>
              {t('connect.port')}
            </label>
            <select
              id={`${id}-port`}
              className={forms.select}
              value={port}
              onChange={(event) => {
                setPort(event.target.value);
                setTarget(undefined);
              }}
            >
              {ports.map((each) => {
                const to = targetOfPort(definition.edges, nodeId, each, ports);
                const label = nodeType === undefined || node === undefined ? each : portLabel(nodeType, node, each);
                return (
                  <option key={each} value={each}>
                    {to === undefined ? t('connect.portFree', { port: label }) : t('connect.portUsed', { port: label, step: titleOf(to) })}
                  </option>
                );
              })}
            </select>
          </div>
          <div className={forms.field}>
            <label htmlFor={`${id}-target`} className={forms.label}>
              {t('connect.target')}
            </label>
            <select id={`${id}-target`} className={forms.select} value={chosenTarget} onChange={(event) => setTarget(event.target.value)}>
              <option value="">{t('connect.nowhere')}</option>
              {targets.map((each) => (
                <option key={each.id} value={each.id}>
                  {titleOf(each.id)}
                </option>
              ))}
            </select>
          </div>
          <div className={forms.actions}>
            <button type="button" className={buttons.secondary} onClick={onClose}>
              {t('connect.cancel')}
            </button>
            <button type="submit" className={buttons.primary}>
              {chosenTarget === '' ? t('connect.disconnect') : t('connect.submit')}
            </button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
