import type { AssignmentCriteria, InboxActions } from '@switchboard/engine/inbox';
import { type ConfigIssue, defineNode, type Explanation, type Static, SwitchboardError, Type } from '@switchboard/sdk';
import { checkInboxReferences } from './check-inbox-references.ts';
import { samples } from './samples.ts';
import { agentOutput, runConversationId } from './run-conversation.ts';
import { stringEnum } from './string-enum.ts';

/** A queued conversation waits at most this long: past a year, a person should look at it, not a timer. */
const MAX_TIMEOUT_SECONDS = 366 * 86_400;

const configSchema = Type.Object(
  {
    target: stringEnum(['workspace', 'team', 'agent'], {
      default: 'workspace',
      title: 'Assign to',
      description: 'Anyone in the workspace: any agent. An agent of a team: one of the team below. A specific agent: the agent below.',
      labels: { workspace: 'Anyone in the workspace', team: 'An agent of a team', agent: 'A specific agent' },
    }),
    teamId: Type.Optional(
      Type.String({ minLength: 1, 'x-picker': 'team', 'x-when': { target: 'team' }, title: 'Team', description: "For an agent of a team: the team's id." }),
    ),
    agentId: Type.Optional(
      Type.String({ minLength: 1, 'x-picker': 'agent', 'x-when': { target: 'agent' }, title: 'Agent', description: "For a specific agent: the agent's id." }),
    ),
    strategy: stringEnum(['round_robin', 'least_open'], {
      default: 'round_robin',
      // A specific agent is that agent: there is no one to choose between.
      when: { target: ['workspace', 'team'] },
      title: 'Strategy',
      description: 'Round robin: the next eligible agent in turn. Fewest open conversations: the eligible agent with the fewest open conversations.',
      labels: { round_robin: 'Round robin', least_open: 'Fewest open conversations' },
    }),
    onlyOnline: Type.Boolean({ default: true, title: 'Only online agents', description: 'Never pick an agent who is away or offline.' }),
    capacity: Type.Union(
      [Type.Literal('agent', { title: "Each agent's own capacity" }), Type.Integer({ minimum: 0, maximum: 10_000, title: 'At most this many' })],
      {
        default: 'agent',
        title: 'Capacity',
        description:
          "Each agent's own capacity, or a number: at most that many open conversations per agent for this step (never more than the agent's own capacity).",
      },
    ),
    sticky: Type.Boolean({
      default: false,
      title: 'Prefer previous assignee',
      description: 'Give the conversation back to the agent who had it last, when eligible.',
    }),
    timeoutSeconds: Type.Integer({
      minimum: 0,
      maximum: MAX_TIMEOUT_SECONDS,
      default: 300,
      title: 'Wait for an agent (seconds)',
      description: 'When nobody is eligible, wait in the queue this long for one, then leave by timeout. 0 leaves by timeout at once.',
    }),
  },
  { additionalProperties: false },
);
type AssignToConfig = Static<typeof configSchema>;

/**
 * Assigns the run's conversation to an agent: a given one, one of a team or
 * anyone, by round robin or least open conversations, only online agents if
 * asked, within capacity (promise 4). When nobody is eligible the
 * conversation waits in a durable queue and is assigned as soon as someone
 * becomes eligible (an agent comes online, a conversation closes), or leaves
 * by `timeout`. A conversation that already has a fitting assignee keeps it.
 *
 * ```json
 * { "target": "team", "teamId": "6f1c...", "strategy": "round_robin", "onlyOnline": true, "timeoutSeconds": 600 }
 * ```
 */
export function createAssignTo(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.assign_to',
    title: 'Assign to',
    category: 'Inbox',
    description: 'Assigns the conversation to an agent, a team or the workspace; waits in a queue when nobody is eligible.',
    kind: 'step',
    configSchema,
    outputSchema: {
      type: 'object',
      properties: {
        agent: {
          type: 'object',
          description: 'Assigned: the agent who has the conversation now.',
          properties: {
            id: { type: 'string', description: "The agent's id." },
            name: { type: 'string', description: "The agent's name." },
            email: { type: 'string', description: "The agent's email." },
          },
          required: ['id', 'name', 'email'],
          additionalProperties: false,
        },
        previousAgentId: { type: ['string', 'null'], description: "Assigned: the previous assignee's id; null when it had none." },
        kept: { type: 'boolean', description: 'Assigned: true when the conversation kept an assignee who already fitted.' },
        queuedSeconds: { type: 'integer', description: 'How long the conversation waited in the queue, in seconds; 0 when it did not wait.' },
        reason: {
          type: 'string',
          description: 'Timed out: why: timeout (nobody became free in time), nobody_eligible (nobody could take it and it did not wait), conversation_closed.',
        },
      },
      required: ['queuedSeconds'],
      additionalProperties: false,
      examples: [
        { agent: { id: samples.agentId, name: samples.agent.name, email: samples.agent.email }, previousAgentId: null, kept: false, queuedSeconds: 0 },
        { reason: 'timeout', queuedSeconds: 300 },
      ],
    },
    summaryFields: ['strategy', 'teamId', 'agentId', 'onlyOnline', 'capacity'],
    ports: ['assigned', 'timeout'],
    portLabels: { assigned: 'Assigned', timeout: 'Timed out' },
    translations: {
      es: {
        title: 'Asignar a un agente',
        category: 'Bandeja de entrada',
        description:
          'Asigna la conversación a un agente: uno en concreto, uno de un equipo o cualquiera del espacio de trabajo. Si nadie puede tomarla, espera en la cola.',
        config: {
          '/properties/target': {
            title: 'Asignar a',
            description:
              'Cualquiera del espacio de trabajo: cualquier agente. Un agente de un equipo: uno del equipo de abajo. Un agente en concreto: el de abajo.',
            enumNames: { workspace: 'Cualquiera del espacio de trabajo', team: 'Un agente de un equipo', agent: 'Un agente en concreto' },
          },
          '/properties/teamId': { title: 'Equipo', description: 'Para un agente de un equipo: el id del equipo.' },
          '/properties/agentId': { title: 'Agente', description: 'Para un agente en concreto: el id del agente.' },
          '/properties/strategy': {
            title: 'Reparto',
            description:
              'Por turnos: el siguiente agente disponible, en orden. Menos conversaciones abiertas: el agente disponible con menos conversaciones abiertas.',
            enumNames: { round_robin: 'Por turnos (round robin)', least_open: 'Menos conversaciones abiertas' },
          },
          '/properties/onlyOnline': { title: 'Solo agentes en línea', description: 'Nunca elige a un agente ausente o desconectado.' },
          '/properties/capacity': {
            title: 'Capacidad',
            description:
              'La capacidad de cada agente, o un número: como mucho esa cantidad de conversaciones abiertas por agente en este paso (nunca más que la capacidad del propio agente).',
          },
          '/properties/capacity/anyOf/0': { title: 'La capacidad de cada agente' },
          '/properties/capacity/anyOf/1': { title: 'Como mucho esta cantidad' },
          '/properties/sticky': {
            title: 'Preferir al agente anterior',
            description: 'Devuelve la conversación al último agente que la tuvo, si está disponible.',
          },
          '/properties/timeoutSeconds': {
            title: 'Espera de un agente (segundos)',
            description:
              'Si nadie está disponible, espera en la cola hasta este tiempo a que alguien lo esté y después sigue por «Tiempo agotado». Con 0 sigue por «Tiempo agotado» al instante.',
          },
        },
        output: {
          '/properties/agent': { description: 'Si se asignó: el agente que tiene ahora la conversación.' },
          '/properties/agent/properties/id': { description: 'El id del agente.' },
          '/properties/agent/properties/name': { description: 'El nombre del agente.' },
          '/properties/agent/properties/email': { description: 'El correo del agente.' },
          '/properties/previousAgentId': { description: 'Si se asignó: el id del agente que la tenía antes; null si no la tenía nadie.' },
          '/properties/kept': { description: 'Si se asignó: true si la conversación conservó a un agente que ya cumplía las condiciones.' },
          '/properties/queuedSeconds': { description: 'Cuánto esperó la conversación en la cola, en segundos; 0 si no esperó.' },
          '/properties/reason': {
            description:
              'Si se agotó el tiempo: por qué: timeout (nadie quedó libre a tiempo), nobody_eligible (nadie podía tomarla y no esperó), conversation_closed (se cerró).',
          },
        },
        ports: { assigned: 'Asignada', timeout: 'Tiempo agotado' },
        explanations: assignToExplanations.es,
      },
    },
    explanations: assignToExplanations.en,
    // `assigned` can come at once (an eligible agent, a fitting assignee kept): only `timeout`
    // follows a pause, and only when the step queues (timeoutSeconds above 0).
    waits: (config) => (config.timeoutSeconds > 0 ? ['timeout'] : false),
    validate: (config) => {
      const issues: ConfigIssue[] = [];
      if (config.target === 'team' && config.teamId === undefined) issues.push({ path: '/teamId', message: 'Assigning to a team needs the team: set teamId.' });
      if (config.target === 'agent' && config.agentId === undefined)
        issues.push({ path: '/agentId', message: 'Assigning to an agent needs the agent: set agentId.' });
      return issues;
    },
    // Only the id the target uses: a teamId left over from target "team" is never read.
    checkReferences: (config, { db }) =>
      checkInboxReferences(inbox, db, [
        config.target === 'team'
          ? { path: '/teamId', kind: 'team', value: config.teamId }
          : { path: '/agentId', kind: 'agent', value: config.target === 'agent' ? config.agentId : undefined },
      ]),
    run: async (ctx) => {
      const conversationId = runConversationId(ctx);
      const criteria = criteriaOf(ctx.config, ctx.node.id);
      const until = new Date(ctx.now.getTime() + ctx.config.timeoutSeconds * 1000);
      const outcome = await inbox.assignByRule(ctx.db, {
        conversationId,
        criteria,
        by: { runId: ctx.run.id, nodeId: ctx.node.id },
        ...(ctx.config.timeoutSeconds > 0 ? { queueUntil: until } : {}),
      });
      ctx.explain(outcome.explanation);
      switch (outcome.kind) {
        case 'assigned':
          return ctx.next('assigned', { agent: agentOutput(outcome.agent), previousAgentId: outcome.previousAgentId, kept: outcome.kept, queuedSeconds: 0 });
        case 'unavailable':
          return ctx.next('timeout', { reason: 'nobody_eligible', queuedSeconds: 0 });
        case 'queued':
          // since 'now': only an assignment after this step counts; the queue entry and this wait commit together.
          return ctx.wait(
            { signal: { key: outcome.signalKey, since: 'now' }, until, state: { queuedAt: ctx.now.toISOString() } },
            { queued: true, until: until.toISOString() },
          );
      }
    },
    resume: async (ctx) => {
      const conversationId = runConversationId(ctx);
      const queuedSeconds = queuedSecondsSince(ctx.state['queuedAt'], ctx.now);
      const waited = { name: '', outcome: 'info' as const, code: 'waited', params: { seconds: queuedSeconds } };
      if (ctx.resumed.reason === 'signal') {
        const { agentId, reason, explanation } = ctx.resumed.data;
        const agent = typeof agentId === 'string' ? await inbox.findAgent(ctx.db, agentId) : undefined;
        if (agent !== undefined) {
          // The queue's drain says which rule picked the agent; anything else was a person's doing.
          const drained = isDrainExplanation(explanation) ? explanation : undefined;
          ctx.explain(
            drained === undefined
              ? {
                  code: 'assigned_by_person',
                  params: { agent: agent.name, seconds: queuedSeconds },
                  rows: [{ name: agent.name, outcome: 'chosen', code: 'by_person' }],
                }
              : { ...drained, rows: [...(drained.rows ?? []), { ...waited, name: agent.name }] },
          );
          return ctx.next('assigned', { agent: agentOutput(agent), previousAgentId: null, kept: false, queuedSeconds });
        }
        ctx.explain({ code: 'queue_closed', params: { seconds: queuedSeconds } });
        return ctx.next('timeout', { reason: typeof reason === 'string' ? reason : 'not_assigned', queuedSeconds });
      }
      // The timeout came: leave the queue, unless an assignment beat it (decided under the conversation's lock).
      const left = await inbox.leaveAssignmentQueue(ctx.db, { conversationId });
      if (left.kind === 'assigned') {
        ctx.explain({
          code: 'assigned_by_person',
          params: { agent: left.agent.name, seconds: queuedSeconds },
          rows: [{ name: left.agent.name, outcome: 'chosen', code: 'by_person' }],
        });
        return ctx.next('assigned', { agent: agentOutput(left.agent), previousAgentId: null, kept: false, queuedSeconds });
      }
      ctx.explain({ code: 'queue_timeout', params: { seconds: queuedSeconds } });
      return ctx.next('timeout', { reason: 'timeout', queuedSeconds });
    },
  });
}

/** The explanation the queue's drain sends with its signal: one of this node's pick codes. */
function isDrainExplanation(value: unknown): value is Explanation {
  return (
    typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && PICK_CODES.has((value as { code: string }).code)
  );
}
const PICK_CODES: ReadonlySet<string> = new Set(['round_robin', 'least_open', 'sticky', 'named_agent']);

/**
 * The texts of the decisions (engine/src/inbox/explain-assignment.ts makes the records). Spanish
 * avoids gendered words about agents ("le tocaba a Ana", "sin conexión"): we don't know them.
 */
const assignToExplanations = {
  en: {
    round_robin: '{agent} was next in the round.',
    least_open: '{agent} was the least busy, with {open} open.',
    sticky: '{agent} had the conversation last.',
    named_agent: 'The step assigns to {agent}.',
    kept: '{agent} already had the conversation and fits.',
    assigned_by_person: 'A person assigned {agent} while the conversation waited in the queue ({seconds} s).',
    queue_timeout: 'Nobody could take the conversation within {seconds} s; it left the queue.',
    queue_closed: 'The conversation left the queue after {seconds} s without an assignee.',
    queued_no_agents: 'Nobody is in the team; the conversation waits in the queue.',
    queued_nobody_online: 'Nobody is online; the conversation waits in the queue.',
    queued_everyone_full: 'Everyone is at capacity; the conversation waits in the queue.',
    queued_nobody_eligible: 'Nobody can take the conversation now; it waits in the queue.',
    unavailable_no_agents: 'Nobody is in the team, and the step does not wait.',
    unavailable_nobody_online: 'Nobody is online, and the step does not wait.',
    unavailable_everyone_full: 'Everyone is at capacity, and the step does not wait.',
    unavailable_nobody_eligible: 'Nobody can take the conversation now, and the step does not wait.',
    next_in_round: 'next in the round',
    least_busy: 'least busy: {open} open',
    had_it_last: 'had the conversation last',
    kept_row: 'already had it',
    the_named_agent: 'the agent the step names',
    by_person: 'assigned by a person',
    away: 'away',
    offline: 'offline',
    at_capacity: 'at capacity, {open} of {capacity}',
    at_step_limit: "at this step's limit, {open} of {limit}",
    not_in_team: 'not in the team',
    not_the_agent: 'not the agent the step names',
    not_next: 'not next in the round',
    busier: 'busier: {open} open',
    claim_lost: 'filled up or went offline a moment before',
    current_assignee: 'had it, and does not fit',
    waited: 'waited {seconds} s in the queue',
    more_agents: '{count} more not eligible',
  },
  es: {
    round_robin: 'Le tocaba a {agent} por turno.',
    least_open: '{agent} tenía menos carga: {open} abiertas.',
    sticky: '{agent} tuvo la conversación la última vez.',
    named_agent: 'El paso asigna a {agent}.',
    kept: '{agent} ya tenía la conversación y cumple las condiciones.',
    assigned_by_person: 'Una persona asignó a {agent} mientras la conversación esperaba en la cola ({seconds} s).',
    queue_timeout: 'Nadie pudo tomar la conversación en {seconds} s; salió de la cola.',
    queue_closed: 'La conversación salió de la cola tras {seconds} s sin nadie asignado.',
    queued_no_agents: 'No hay nadie en el equipo; la conversación espera en la cola.',
    queued_nobody_online: 'No hay nadie en línea; la conversación espera en la cola.',
    queued_everyone_full: 'Todos están al límite de su capacidad; la conversación espera en la cola.',
    queued_nobody_eligible: 'Ahora nadie puede tomar la conversación; espera en la cola.',
    unavailable_no_agents: 'No hay nadie en el equipo, y el paso no espera.',
    unavailable_nobody_online: 'No hay nadie en línea, y el paso no espera.',
    unavailable_everyone_full: 'Todos están al límite de su capacidad, y el paso no espera.',
    unavailable_nobody_eligible: 'Ahora nadie puede tomar la conversación, y el paso no espera.',
    next_in_round: 'le tocaba por turno',
    least_busy: 'menos carga: {open} abiertas',
    had_it_last: 'tuvo la conversación la última vez',
    kept_row: 'ya la tenía',
    the_named_agent: 'el agente que indica el paso',
    by_person: 'asignación de una persona',
    away: 'ausente',
    offline: 'sin conexión',
    at_capacity: 'sin capacidad: {open} de {capacity}',
    at_step_limit: 'en el límite de este paso: {open} de {limit}',
    not_in_team: 'no es del equipo',
    not_the_agent: 'no es el agente que indica el paso',
    not_next: 'no le tocaba',
    busier: 'más carga: {open} abiertas',
    claim_lost: 'se llenó o se desconectó justo antes',
    current_assignee: 'la tenía, pero no cumple las condiciones',
    waited: 'esperó {seconds} s en la cola',
    more_agents: '{count} más sin posibilidad',
  },
} as const;

function criteriaOf(config: AssignToConfig, nodeId: string): AssignmentCriteria {
  const base = {
    strategy: config.strategy,
    onlyOnline: config.onlyOnline,
    capacityLimit: config.capacity === 'agent' ? null : config.capacity,
    sticky: config.sticky,
  };
  switch (config.target) {
    case 'workspace':
      return { ...base, target: { kind: 'workspace' } };
    case 'team':
      return { ...base, target: { kind: 'team', id: required(config.teamId, nodeId, 'teamId') } };
    case 'agent':
      return { ...base, target: { kind: 'agent', id: required(config.agentId, nodeId, 'agentId') } };
  }
}

function required(value: string | undefined, nodeId: string, field: string): string {
  if (value === undefined || value === '')
    throw new SwitchboardError('STEP_INVALID_INPUT', `Node "${nodeId}" has no ${field}; set it in the node's config.`, { path: `/config/${field}` });
  return value;
}

function queuedSecondsSince(queuedAt: unknown, now: Date): number {
  const since = typeof queuedAt === 'string' ? Date.parse(queuedAt) : Number.NaN;
  return Number.isFinite(since) ? Math.max(0, Math.round((now.getTime() - since) / 1000)) : 0;
}
