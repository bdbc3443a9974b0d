import { defineNode, readPath, Type, type ConfigIssue, type ExplanationRow } from '@switchboard/sdk';
import { conditionHolds, conditionIssues, conditionTextsEs, stepConditionSchema, matchModeSchema, matchModeTextsEs } from './conditions.ts';
import { textsUnder } from './texts-under.ts';

/**
 * Routes a run down the first branch whose conditions hold, in the order the
 * branches are listed, or down `else`. Each branch is an output port named by
 * its id. Conditions read the run's scope: `trigger.*`, `vars.*`, `steps.*`
 * and context such as `contact.*`.
 *
 * ```json
 * { "branches": [{ "id": "vip", "match": "any", "conditions": [{ "path": "contact.tags", "operator": "contains", "value": "vip" }] }] }
 * ```
 */
export const branch = defineNode({
  type: 'core.branch',
  title: 'Branch',
  category: 'Flow',
  description: 'Sends the run down the first branch whose conditions hold, or down "else" when none does.',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object(
    {
      branches: Type.Array(
        Type.Object(
          {
            id: Type.String({
              pattern: '^[a-z][a-z0-9_]*$',
              maxLength: 64,
              title: 'Port',
              description: 'The output port of this branch, in snake_case, e.g. vip_customer. Unique within the node; "else" is reserved.',
            }),
            name: Type.Optional(Type.String({ maxLength: 200, title: 'Name', description: 'A label for the branch, shown in the editor.' })),
            match: matchModeSchema(),
            conditions: Type.Array(stepConditionSchema, {
              minItems: 1,
              title: 'Conditions',
              description: 'What must hold for the run to take this branch.',
            }),
          },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
          title: 'Branches',
          description: 'Checked in order; the first branch whose conditions hold wins.',
        },
      ),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    properties: {
      branch: { type: 'string', description: 'The branch the run took: its port, or else.' },
      matched: {
        type: 'array',
        description: 'The conditions of that branch that held; none for else.',
        items: { type: 'object', properties: { path: { type: 'string' }, operator: { type: 'string' }, value: {}, ignoreCase: { type: 'boolean' } } },
      },
    },
    additionalProperties: false,
    examples: [{ branch: 'vip', matched: [{ path: 'contact.tags', operator: 'contains', value: 'vip' }] }],
  },
  summaryFields: ['branches'],
  ports: [{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'],
  portLabels: { else: 'Otherwise' },
  translations: {
    es: {
      title: 'Bifurcación',
      category: 'Flujo',
      description: 'Envía la ejecución por la primera rama cuyas condiciones se cumplen, o por «En otro caso» si no se cumple ninguna.',
      config: {
        '/properties/branches': { title: 'Ramas', description: 'Se comprueban en orden; gana la primera rama cuyas condiciones se cumplen.' },
        '/properties/branches/items/properties/id': {
          title: 'Salida',
          description: 'La salida de esta rama, en snake_case, p. ej. cliente_vip. Única dentro del nodo; «else» está reservado.',
        },
        '/properties/branches/items/properties/name': { title: 'Nombre', description: 'Una etiqueta para la rama, que se muestra en el editor.' },
        '/properties/branches/items/properties/match': matchModeTextsEs,
        '/properties/branches/items/properties/conditions': {
          title: 'Condiciones',
          description: 'Lo que debe cumplirse para que la ejecución tome esta rama.',
        },
        ...textsUnder('/properties/branches/items/properties/conditions/items', conditionTextsEs),
      },
      output: {
        '/properties/branch': { description: 'La rama que tomó la ejecución: su salida, o else.' },
        '/properties/matched': { description: 'Las condiciones de esa rama que se cumplieron; ninguna con else.' },
      },
      ports: { else: 'En otro caso' },
      explanations: {
        matched: 'Tomó la rama {branch}: se cumplieron sus condiciones.',
        else: 'Tomó «En otro caso»: ninguna rama cumplió sus condiciones.',
        held: 'se cumplió: el valor era {actual}',
        not_held: 'no se cumplió: el valor era {actual}',
        more: '{count} condiciones más',
      },
    },
  },
  explanations: {
    matched: 'Took the branch {branch}: its conditions held.',
    else: 'Took else: no branch had its conditions hold.',
    held: 'held: the value was {actual}',
    not_held: 'did not hold: the value was {actual}',
    more: '{count} more conditions',
  },
  reads: (config) => config.branches.flatMap((candidate) => candidate.conditions.map((condition) => condition.path)),
  validate: (config) => {
    const issues: ConfigIssue[] = [];
    const seen = new Set<string>();
    config.branches.forEach((candidate, index) => {
      const path = `/branches/${index}/id`;
      if (candidate.id === 'else') {
        issues.push({ path, message: 'The port name "else" is reserved for runs that match no branch; choose another id.' });
      } else if (seen.has(candidate.id)) {
        issues.push({ path, message: `Another branch already uses the port "${candidate.id}"; each branch needs its own id.` });
      }
      seen.add(candidate.id);
      issues.push(...conditionIssues(candidate.conditions, `/branches/${index}/conditions`));
    });
    return issues;
  },
  run: (ctx) => {
    const rows: ExplanationRow[] = [];
    for (const candidate of ctx.config.branches) {
      const label = candidate.name ?? candidate.id;
      const held = candidate.conditions.map((condition) => conditionHolds(condition, ctx.scope));
      const matched = candidate.conditions.filter((_condition, index) => held[index]);
      const wins = candidate.match === 'all' ? matched.length === candidate.conditions.length : matched.length > 0;
      candidate.conditions.forEach((condition, index) => {
        const name = `${label}: ${condition.path} ${condition.operator}${condition.value === undefined ? '' : ` ${shown(condition.value)}`}`;
        const actual = shown(readPath(ctx.scope, condition.path));
        rows.push({ name, outcome: held[index] ? (wins ? 'chosen' : 'info') : 'passed', code: held[index] ? 'held' : 'not_held', params: { actual } });
      });
      // The conditions that held go into the output so the run view can explain the choice (promise 7).
      if (wins) {
        ctx.explain({ code: 'matched', params: { branch: label }, rows: bounded(rows) });
        return ctx.next(candidate.id, { branch: candidate.id, matched });
      }
    }
    ctx.explain({ code: 'else', rows: bounded(rows) });
    return ctx.next('else', { branch: 'else', matched: [] });
  },
});

/** A value as a row shows it: JSON, cut short. */
function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** An explanation holds at most 50 rows: the rest are counted in one. */
function bounded(rows: readonly ExplanationRow[]): ExplanationRow[] {
  if (rows.length <= 50) return [...rows];
  return [...rows.slice(0, 49), { name: '…', outcome: 'info', code: 'more', params: { count: rows.length - 49 } }];
}
