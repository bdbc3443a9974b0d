/**
 * The built-in nodes tell the editor how to ask for each value (the SDK's `SchemaAnnotations`):
 * every id is picked from a list, every text people write is a template field, and fields that
 * only one mode uses are shown in that mode. Held against a table written by hand, so an
 * annotation dropped or misplaced in a node's schema shows up here by name.
 */
import { createNodeCatalog, escapePointerSegment } from '@switchboard/engine/graph';
import type { AnyNodeDefinition } from '@switchboard/engine/sdk';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { describe, expect, it } from 'vitest';
import { fakeInbox } from '../../nodes/inbox/fake-inbox.ts';

const nodes = createNodeCatalog<AnyNodeDefinition>([...corePack, ...createInboxPack(fakeInbox().inbox)].map((node) => ({ node, source: 'built-in' })))
  .list()
  .map((entry) => entry.definition);

const PICKERS: Readonly<Record<string, string>> = {
  'core.business_hours /properties/timezone': 'timezone',
  'core.business_hours /properties/schedule': 'schedule',
  'core.business_hours /properties/holidays': 'holidays',
  'core.schedule /properties/timezone': 'timezone',
  'core.jump_to /properties/target': 'node',
  'core.trigger_workflow /properties/workflowId': 'workflow',
  'inbox.assign_to /properties/teamId': 'team',
  'inbox.assign_to /properties/agentId': 'agent',
  'inbox.ask_question /properties/saveToField': 'field',
  'inbox.send_message /properties/snippet': 'snippet',
  'inbox.update_field /properties/field': 'field',
  'inbox.update_tags /properties/add': 'tag',
  'inbox.update_tags /properties/remove': 'tag',
};

const TEMPLATES: Readonly<Record<string, true | 'multiline'>> = {
  'core.branch /properties/branches/items/properties/conditions/items/properties/value': true,
  'core.set_variable /properties/assignments/items/properties/value': true,
  'core.trigger_workflow /properties/input/patternProperties/^(.*)$': true,
  'core.http_request /properties/url': true,
  'core.http_request /properties/headers/patternProperties/^(.*)$': true,
  'core.http_request /properties/body': true,
  'inbox.ask_question /properties/question': 'multiline',
  'inbox.ask_question /properties/retryMessage': 'multiline',
  'inbox.add_comment /properties/text': 'multiline',
  'inbox.send_message /properties/text': 'multiline',
  'inbox.send_message /properties/attachments/items/properties/url': true,
  'inbox.close_conversation /properties/note': 'multiline',
  'inbox.update_field /properties/value': true,
};

const VARIABLES: Readonly<Record<string, unknown>> = {
  'core.set_variable /properties/assignments/items/properties/name': { sibling: 'value' },
  'core.http_request /properties/saveAs': true,
  'inbox.ask_question /properties/saveAs': { output: '/answer' },
};

const valueOperators = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'greater_than',
  'greater_than_or_equal',
  'less_than',
  'less_than_or_equal',
  'in',
  'not_in',
];
const textOperators = ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'not_in'];
const conditionWhens = (at: string) => ({
  [`${at}/properties/value`]: { operator: valueOperators },
  [`${at}/properties/ignoreCase`]: { operator: textOperators },
});

const WHENS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'core.wait /properties/amount': { mode: 'duration' },
  'core.wait /properties/unit': { mode: 'duration' },
  'core.wait /properties/event': { mode: 'event' },
  'core.wait /properties/timeoutAmount': { mode: 'event' },
  'core.wait /properties/timeoutUnit': { mode: 'event' },
  'core.http_request /properties/body': { method: ['POST', 'PUT', 'PATCH', 'DELETE'] },
  'inbox.assign_to /properties/teamId': { target: 'team' },
  'inbox.assign_to /properties/agentId': { target: 'agent' },
  'inbox.assign_to /properties/strategy': { target: ['workspace', 'team'] },
  'inbox.ask_question /properties/choices': { type: 'multiple_choice' },
  'inbox.ask_question /properties/listChoices': { type: 'multiple_choice' },
  ...Object.fromEntries(
    Object.entries(conditionWhens('/properties/branches/items/properties/conditions/items')).map(([pointer, when]) => [`core.branch ${pointer}`, when]),
  ),
  ...Object.fromEntries(
    nodes
      .filter((node) => node.kind === 'trigger' && node.type !== 'core.webhook' && node.type !== 'core.schedule' && node.type !== 'core.manual')
      .flatMap((node) =>
        Object.entries(conditionWhens('/properties/conditions/properties/rules/items')).map(([pointer, when]) => [`${node.type} ${pointer}`, when]),
      ),
  ),
};

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every annotation `keyword` in a schema, by "type pointer". */
function annotations(keyword: string): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  const walk = (type: string, schema: unknown, pointer: string) => {
    if (!isRecord(schema)) return;
    if (schema[keyword] !== undefined) found[`${type} ${pointer}`] = schema[keyword];
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'default' || key === 'examples' || key.startsWith('x-')) continue;
      if (isRecord(value) || Array.isArray(value)) {
        if (Array.isArray(value)) for (const [index, item] of value.entries()) walk(type, item, `${pointer}/${key}/${index}`);
        else walk(type, value, `${pointer}/${escapePointerSegment(key)}`);
      }
    }
  };
  for (const node of nodes) walk(node.type, JSON.parse(JSON.stringify(node.configSchema)), '');
  return found;
}

describe('the built-in nodes annotate their config for the editor', () => {
  it('pick every id from a list: agents, teams, tags, fields, snippets, workflows, nodes, time zones, schedules, holidays', () => {
    expect(annotations('x-picker')).toEqual(PICKERS);
  });

  it('mark the texts people write as templates, message-like ones multi-line', () => {
    expect(annotations('x-template')).toEqual(TEMPLATES);
  });

  it('sum up every config on the node card, assign_to as "Round robin · Sales · online only · cap 3"', () => {
    const unsummed = nodes.filter((node) => {
      const properties = Object.keys((node.configSchema as { properties?: object }).properties ?? {});
      return properties.length > 0 && (node.summaryFields ?? []).length === 0;
    });
    // A manual trigger's only field is a JSON Schema for whoever starts it: nothing to sum up.
    expect(unsummed.map((node) => node.type)).toEqual(['core.manual']);
    expect(nodes.find((node) => node.type === 'inbox.assign_to')?.summaryFields).toEqual(['strategy', 'teamId', 'agentId', 'onlyOnline', 'capacity']);
  });

  it('name the run variables they set, and what each holds, so later templates are offered vars.<name>', () => {
    expect(annotations('x-variable')).toEqual(VARIABLES);
  });

  it("show a field only in the mode that uses it (assign_to's team only for a team, wait's timeout only for an event)", () => {
    expect(annotations('x-when')).toEqual(WHENS);
  });
});
