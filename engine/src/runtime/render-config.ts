import { hasTemplate, liquid, MAX_RENDERED_LENGTH } from '../graph/liquid.ts';
import { SwitchboardError } from '../errors.ts';
import { escapePointerSegment } from '../graph/json-pointer.ts';

/**
 * Renders every template string inside a node's config over the run's scope.
 * Non-string values and strings without `{{`/`{%` pass through untouched, so a
 * config without templates costs one walk and no allocations of note.
 */
export function renderConfig(config: unknown, scope: Readonly<Record<string, unknown>>, nodeId: string): unknown {
  return renderValue(config, scope, nodeId, '');
}

function renderValue(value: unknown, scope: Readonly<Record<string, unknown>>, nodeId: string, pointer: string): unknown {
  if (typeof value === 'string') {
    if (!hasTemplate(value)) return value;
    let rendered: string;
    try {
      rendered = liquid.parseAndRenderSync(value, scope);
    } catch (error) {
      throw new SwitchboardError('TEMPLATE_INVALID', `Node "${nodeId}": the template at config${pointer} cannot be rendered: ${(error as Error).message}`, {
        path: `/config${pointer}`,
        cause: error,
      });
    }
    if (rendered.length > MAX_RENDERED_LENGTH) {
      throw new SwitchboardError(
        'TEMPLATE_INVALID',
        `Node "${nodeId}": the template at config${pointer} rendered ${rendered.length} characters, more than the ${MAX_RENDERED_LENGTH} a template may produce. Render less (a loop over fewer items, a truncate filter).`,
        { path: `/config${pointer}` },
      );
    }
    return rendered;
  }
  if (Array.isArray(value)) return value.map((item, index) => renderValue(item, scope, nodeId, `${pointer}/${index}`));
  if (value !== null && typeof value === 'object') {
    const rendered: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) rendered[key] = renderValue(item, scope, nodeId, `${pointer}/${escapePointerSegment(key)}`);
    return rendered;
  }
  return value;
}
