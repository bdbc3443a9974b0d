import { SwitchboardError } from '../errors.ts';
import type { NodeCatalog } from '../graph/node-catalog.ts';
import { instantiateTemplate, missingNodeTypes, type TemplateImport } from './instantiate-template.ts';
import { loadTemplates } from './load-templates.ts';
import type { WorkflowTemplate } from './template.ts';

/** What the API lists for a template: everything but the definition, plus what this engine lacks to run it. */
export interface TemplateSummary {
  readonly id: string;
  readonly title: WorkflowTemplate['title'];
  readonly description: WorkflowTemplate['description'];
  readonly category: WorkflowTemplate['category'];
  readonly parameters: WorkflowTemplate['parameters'];
  /** The node type of the trigger and of each step, in order. */
  readonly trigger: string | null;
  readonly steps: readonly string[];
  /** Node types the template needs that are not installed; importing fails while this is not empty. */
  readonly missingNodeTypes: readonly string[];
}

export interface TemplateLibrary {
  list(): Promise<readonly TemplateSummary[]>;
  get(id: string): Promise<WorkflowTemplate & { readonly missingNodeTypes: readonly string[] }>;
  /** The workflow definition a template and its parameters make, checked against the catalog. */
  instantiate(id: string, request: TemplateImport): Promise<unknown>;
}

/** Templates are read from `dir` once, on first use, and kept: they ship with the code. */
export function createTemplateLibrary(dir: string | undefined, catalog: NodeCatalog): TemplateLibrary {
  let loaded: Promise<readonly WorkflowTemplate[]> | undefined;
  const all = () => (loaded ??= dir === undefined ? Promise.resolve([]) : loadTemplates(dir));
  const find = async (id: string) => {
    const template = (await all()).find((candidate) => candidate.id === id);
    if (template === undefined) throw new SwitchboardError('TEMPLATE_NOT_FOUND', `No template has id "${id}". GET /api/templates lists them.`);
    return template;
  };
  return {
    async list() {
      return (await all()).map((template) => {
        const nodes = Array.isArray(template.definition.nodes) ? (template.definition.nodes as { type?: unknown }[]).map((node) => String(node.type)) : [];
        const triggerType = nodes.find((type) => catalog.get(type)?.definition.kind === 'trigger') ?? null;
        return {
          id: template.id,
          title: template.title,
          description: template.description,
          category: template.category,
          parameters: template.parameters,
          trigger: triggerType,
          steps: nodes.filter((type) => type !== triggerType),
          missingNodeTypes: missingNodeTypes(template, catalog),
        };
      });
    },
    async get(id) {
      const template = await find(id);
      return { ...template, missingNodeTypes: missingNodeTypes(template, catalog) };
    },
    async instantiate(id, request) {
      return instantiateTemplate(await find(id), request, catalog);
    },
  };
}
