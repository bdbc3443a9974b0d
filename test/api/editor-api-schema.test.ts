/**
 * The editor's API types (editor/src/api/schema.d.ts) are generated from the server's OpenAPI
 * document and checked in, so the editor's typecheck sees every route and field without a
 * server. This fails when a route or schema changed and the file was not regenerated.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderApiSchema, schemaFile } from '../../editor/scripts/generate-api-schema.ts';

describe("the editor's API types", () => {
  it('match the OpenAPI document the server serves now (regenerate with `pnpm generate:api`)', async () => {
    const [checkedIn, generated] = await Promise.all([readFile(schemaFile, 'utf8'), renderApiSchema()]);
    if (checkedIn !== generated) {
      // The first differing line says what changed; the whole 5,000-line diff would say less.
      const [oldLines, newLines] = [checkedIn.split('\n'), generated.split('\n')];
      const line = oldLines.findIndex((text, index) => text !== newLines[index]);
      expect.fail(
        `editor/src/api/schema.d.ts is stale: run \`pnpm generate:api\` and commit it. First difference at line ${line + 1}:\n` +
          `  checked in: ${oldLines[line] ?? '(end of file)'}\n  server now: ${newLines[line] ?? '(end of file)'}`,
      );
    }
  });
});
