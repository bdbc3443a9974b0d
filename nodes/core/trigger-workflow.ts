import { defineNode, Type } from '@switchboard/sdk';
import { stringEnum } from './string-enum.ts';

/**
 * Starts a run of another published workflow and carries on without waiting
 * for it. The child starts in this step's transaction, so it exists exactly
 * when this step is recorded (promise 1).
 *
 * ```json
 * { "workflowId": "wf_csat_survey", "input": { "agent": "{{ assignee.name }}" }, "subject": "same" }
 * ```
 */
export const triggerWorkflow = defineNode({
  type: 'core.trigger_workflow',
  title: 'Trigger workflow',
  category: 'Flow',
  description: 'Starts a run of another published workflow with the given input, without waiting for it to finish.',
  kind: 'step',
  configSchema: Type.Object(
    {
      workflowId: Type.String({ minLength: 1, title: 'Workflow', description: 'The id of the published workflow to start.' }),
      input: Type.Record(Type.String(), Type.Unknown(), {
        default: {},
        title: 'Input',
        description: 'Data for the new run, read there as trigger.<field>; text may use templates.',
      }),
      subject: stringEnum(['same', 'none'], {
        default: 'same',
        title: 'Subject',
        description: 'same: the new run is about the same subject (e.g. the same conversation) and is ordered with it. none: it has no subject.',
      }),
    },
    { additionalProperties: false },
  ),
  ports: ['next'],
  run: async (ctx) => {
    const { workflowId, input, subject } = ctx.config;
    const { runId } = await ctx.startWorkflow(workflowId, input, subject === 'same' ? ctx.run.subject : null);
    return ctx.next('next', { runId });
  },
});
