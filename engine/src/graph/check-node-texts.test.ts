import { describe, expect, it } from 'vitest';
import { type AnyNodeDefinition, defineNode, type NodeTranslation, Type } from '../sdk.ts';
import { createNodeCatalog } from './node-catalog.ts';

const assign = defineNode({
  type: 'acme.assign',
  title: 'Assign',
  category: 'Inbox',
  description: 'Assigns the conversation.',
  kind: 'step',
  configSchema: Type.Object({
    target: Type.Unsafe<string>({ type: 'string', enum: ['team', 'agent'], 'x-enumNames': ['Team', 'Agent'], title: 'Target', description: 'Who gets it.' }),
    teams: Type.Array(Type.Object({ id: Type.String({ title: 'Team' }) })),
  }),
  ports: [{ kind: 'switch', on: '/target', cases: { team: ['queued'] }, default: ['assigned'] }, 'timeout'],
  portLabels: { assigned: 'Assigned', timeout: 'Timed out' },
  run: (ctx) => ctx.next('assigned'),
});

const es: NodeTranslation = { title: 'Asignar', description: 'Asigna la conversación.' };

function register(overrides: Partial<Record<keyof AnyNodeDefinition, unknown>>): () => void {
  return () => createNodeCatalog([{ node: { ...assign, ...overrides } as AnyNodeDefinition, source: 'acme/assign.ts' }]);
}

describe('node texts at registration', () => {
  it('accepts translations that name the schema, its enum values and the fixed ports', () => {
    const translations = {
      es: {
        ...es,
        category: 'Bandeja de entrada',
        config: {
          '/properties/target': { title: 'Destino', description: 'Quién la recibe.', enumNames: { team: 'Equipo' } },
          '/properties/teams/items/properties/id': { title: 'Equipo' },
        },
        ports: { queued: 'En cola', timeout: 'Tiempo agotado' },
      },
      'pt-BR': { title: 'Atribuir', description: 'Atribui a conversa.' },
    };
    expect(() => register({ translations })()).not.toThrow();
  });

  it('checks the texts of the output schema as those of the config schema', () => {
    const outputSchema = { type: 'object', properties: { agent: { type: 'object', description: 'Who has it.', properties: { name: { type: 'string' } } } } };
    const ok = { es: { ...es, output: { '/properties/agent': { description: 'Quién la tiene.' } } } };
    expect(register({ outputSchema, translations: ok })).not.toThrow();
    expect(register({ outputSchema, translations: { es: { ...es, output: { '/properties/agnet': { description: 'Quién.' } } } } })).toThrow(
      'translations["es"].output["/properties/agnet"]: the output schema has nothing at this pointer. It exists up to "/properties", which has "agent".',
    );
    expect(register({ outputSchema, translations: { es: { ...es, output: { '/properties/agent/properties/name': { description: 'El nombre.' } } } } })).toThrow(
      'translations["es"].output["/properties/agent/properties/name"].description translates a description the output schema does not have',
    );
    expect(register({ translations: ok })).toThrow(/translations\["es"\]\.output translates an output schema the node does not have/);
  });

  it('rejects a pointer into nothing, naming the node, the language and the pointer, and what is there', () => {
    const translations = { es: { ...es, config: { '/properties/targte': { title: 'Destino' } } } };
    expect(register({ translations })).toThrow(
      'node "acme.assign" from acme/assign.ts: translations["es"].config["/properties/targte"]: the config schema has nothing at this pointer. It exists up to "/properties", which has "target", "teams".',
    );
    const bare = { es: { ...es, config: { target: { title: 'Destino' } } } };
    expect(register({ translations: bare })).toThrow(/config\["target"\]: .*start with "\/", e.g. "\/properties\/target"/);
  });

  it('rejects a text the default schema lacks there, and enum labels for values it does not have', () => {
    expect(register({ translations: { es: { ...es, config: { '/properties/teams': { title: 'Equipos' } } } } })).toThrow(
      'translations["es"].config["/properties/teams"].title translates a title the config schema does not have at "/properties/teams".',
    );
    expect(register({ translations: { es: { ...es, config: { '/properties/target': { enumNames: { workspace: 'Todos' } } } } } })).toThrow(
      'translations["es"].config["/properties/target"].enumNames names "workspace", which is not a value of the enum ("team", "agent").',
    );
    expect(register({ translations: { es: { ...es, config: { '/properties/teams/items/properties/id': { enumNames: { a: 'A' } } } } } })).toThrow(
      /enumNames labels values of an enum, but the config schema at "\/properties\/teams\/items\/properties\/id" has no enum/,
    );
  });

  it('rejects a translation of another shape: a missing title, an unknown key, a label of a port the node lacks', () => {
    expect(register({ translations: { es: { description: 'Asigna.' } } })).toThrow(
      'node "acme.assign" from acme/assign.ts: translations["es"].title must be a non-empty string.',
    );
    expect(register({ translations: { es: { ...es, titel: 'Asignar' } } })).toThrow(
      'translations["es"] has "titel", which is not one of title, description, category, config, output, ports, explanations.',
    );
    expect(register({ translations: { es: { ...es, config: { '/properties/target': { label: 'Destino' } } } } })).toThrow(
      'translations["es"].config["/properties/target"] has "label", which is not one of title, description, enumNames.',
    );
    expect(register({ translations: { es: { ...es, ports: { done: 'Hecho' } } } })).toThrow(
      'translations["es"].ports labels port "done", which the node does not declare (fixed ports: "queued", "assigned", "timeout").',
    );
    expect(register({ portLabels: { next: 'Next' } })).toThrow('"portLabels" labels port "next", which the node does not declare');
  });

  it('rejects a language that is no tag, not in canonical case, or the default language again', () => {
    expect(register({ translations: { spanish_please: es } })).toThrow(
      'translations["spanish_please"]: "spanish_please" is not a language tag; use one like "es", "en" or "pt-BR".',
    );
    expect(register({ translations: { 'pt-br': es } })).toThrow('translations["pt-br"]: write the language tag "pt-br" as "pt-BR".');
    expect(register({ translations: { en: es } })).toThrow(/translations\["en"\] repeats the default language "en"/);
    expect(register({ language: 'es', translations: { es } })).toThrow(/repeats the default language "es"/);
    expect(register({ language: 'Spanish' })).toThrow('"language": "Spanish" is not a language tag');
    expect(() => register({ language: 'es', translations: { en: { title: 'Assign', description: 'Assigns.' } } })()).not.toThrow();
  });

  it('rejects x-enumNames that do not give one label per enum value', () => {
    const configSchema = { type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'], 'x-enumNames': ['A'] } } };
    expect(register({ configSchema, translations: undefined })).toThrow(
      'configSchema at "/properties/mode": x-enumNames must list one non-empty label per enum value, in enum order (2 values).',
    );
  });
});
