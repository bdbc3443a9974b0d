import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import templateSchema from './template.schema.json' with { type: 'json' };
import { createAjv } from '../graph/node-catalog.ts';
import { ajvIssues } from '../graph/validate-definition.ts';
import { SwitchboardError } from '../errors.ts';
import type { WorkflowTemplate } from './template.ts';

const validateTemplate = createAjv().compile<WorkflowTemplate>(templateSchema);

/**
 * Reads every `*.json` in the templates directory, one template per file,
 * named after its id. A malformed file stops the start with its path and the
 * pointer of the problem: a broken bundled template is a bug to fix, not to skip.
 */
export async function loadTemplates(dir: string): Promise<readonly WorkflowTemplate[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  const templates: WorkflowTemplate[] = [];
  for (const file of files) {
    const location = path.join(dir, file);
    let document: unknown;
    try {
      document = JSON.parse(await readFile(location, 'utf8'));
    } catch (error) {
      throw new SwitchboardError('TEMPLATE_FILE_INVALID', `Template file ${location} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    if (!validateTemplate(document)) {
      const issues = ajvIssues(validateTemplate.errors ?? [], '', 'TEMPLATE_FILE_INVALID');
      throw new SwitchboardError('TEMPLATE_FILE_INVALID', `Template file ${location} is invalid: ${issues.map((issue) => issue.message).join('; ')}`, {
        issues,
      });
    }
    if (`${document.id}.json` !== file) {
      throw new SwitchboardError('TEMPLATE_FILE_INVALID', `Template file ${location} has id "${document.id}"; name the file ${document.id}.json.`);
    }
    templates.push(document);
  }
  return templates;
}
