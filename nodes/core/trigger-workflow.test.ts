import { describe, expect, it } from 'vitest';
import { runNodeStep } from '@switchboard/engine/testing';
import { captureStepContext } from './testing/capture-step-context.ts';
import { triggerWorkflow } from './trigger-workflow.ts';

interface StartCall {
  readonly workflowId: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly subject: string | null | undefined;
}

async function runRecordingStarts(config: Readonly<Record<string, unknown>>, subject: string | null) {
  const calls: StartCall[] = [];
  const ctx = await captureStepContext(triggerWorkflow, { config, subject, provided: { assignee: { name: 'Ana' } } });
  const result = await triggerWorkflow.run({
    ...ctx,
    startWorkflow: async (workflowId, input, startSubject) => {
      calls.push({ workflowId, input, subject: startSubject });
      return { runId: 'run-77' };
    },
  });
  return { result, calls };
}

describe('core.trigger_workflow', () => {
  it('starts the workflow and passes the new run id on', async () => {
    expect(await runNodeStep(triggerWorkflow, { config: { workflowId: 'csat' } })).toEqual({ kind: 'next', port: 'next', output: { runId: 'child-run' } });
  });

  it('starts the child about the same subject with the rendered input by default', async () => {
    const { result, calls } = await runRecordingStarts({ workflowId: 'csat', input: { agent: '{{ assignee.name }}', score: 5 } }, 'conversation:42');
    expect(calls).toEqual([{ workflowId: 'csat', input: { agent: 'Ana', score: 5 }, subject: 'conversation:42' }]);
    expect(result).toEqual({ kind: 'next', port: 'next', output: { runId: 'run-77' } });
  });

  it('starts the child without a subject when asked', async () => {
    const { calls } = await runRecordingStarts({ workflowId: 'csat', subject: 'none' }, 'conversation:42');
    expect(calls).toEqual([{ workflowId: 'csat', input: {}, subject: null }]);
  });
});
