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
      workflowId: Type.String({ minLength: 1, 'x-picker': 'workflow', title: 'Workflow', description: 'The id of the published workflow to start.' }),
      input: Type.Record(Type.String(), Type.Unknown({ 'x-template': true }), {
        default: {},
        title: 'Input',
        description: 'Data for the new run, read there as trigger.<field>; text may use templates.',
      }),
      subject: stringEnum(['same', 'none'], {
        default: 'same',
        title: 'Subject',
        description: 'The same subject: the new run is about the same subject (e.g. the same conversation) and is ordered with it. None: it has no subject.',
        labels: { same: 'The same subject', none: 'None' },
      }),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    properties: { runId: { type: 'string', description: 'The id of the run it started.' } },
    additionalProperties: false,
    examples: [{ runId: '2d0c8a4e-5f1b-4c3a-9e7d-6b8f0a1c2e3d' }],
  },
  summaryFields: ['workflowId', 'subject'],
  ports: ['next'],
  portLabels: { next: 'Next' },
  translations: {
    es: {
      title: 'Iniciar otro flujo',
      category: 'Flujo',
      description: 'Inicia una ejecución de otro flujo publicado con los datos indicados, sin esperar a que termine.',
      config: {
        '/properties/workflowId': { title: 'Flujo', description: 'El id del flujo publicado que se inicia.' },
        '/properties/input': {
          title: 'Entrada',
          description: 'Datos para la nueva ejecución, que allí se leen como trigger.<campo>; el texto admite plantillas.',
        },
        '/properties/subject': {
          title: 'Sujeto',
          description:
            'El mismo sujeto: la nueva ejecución trata del mismo sujeto (p. ej. la misma conversación) y va en orden con él. Ninguno: no tiene sujeto.',
          enumNames: { same: 'El mismo sujeto', none: 'Ninguno' },
        },
      },
      output: { '/properties/runId': { description: 'El id de la ejecución que inició.' } },
      ports: { next: 'Siguiente' },
    },
  },
  run: async (ctx) => {
    const { workflowId, input, subject } = ctx.config;
    const { runId } = await ctx.startWorkflow(workflowId, input, subject === 'same' ? ctx.run.subject : null);
    return ctx.next('next', { runId });
  },
});
