import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './errors.ts';
import { inboxErrors } from './inbox/inbox-errors.ts';

/** The engine's codes and those the bundled plugins register: every code a client of the app can see. */
const catalogued: Readonly<Record<string, { readonly status: number; readonly kind: string }>> = { ...errorCatalogue, ...inboxErrors };

interface DocumentedCode {
  readonly code: string;
  readonly status: number;
  readonly kind: string;
  readonly area: string;
}

/** Reads every table row of ERRORS.md: `| \`CODE\` | status | kind | meaning |`, under its `## area` heading. */
async function readDocumentedCodes(): Promise<DocumentedCode[]> {
  const text = await readFile(new URL('../ERRORS.md', import.meta.url), 'utf8');
  const codes: DocumentedCode[] = [];
  let area = '';
  for (const line of text.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading !== null) area = heading[1] ?? '';
    const row = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|\s*(\w+)\s*\|/.exec(line);
    if (row !== null) codes.push({ code: row[1] ?? '', status: Number(row[2]), kind: row[3] ?? '', area });
  }
  return codes;
}

describe('engine/ERRORS.md', () => {
  it('documents exactly the codes of the engine and the bundled plugins, each once', async () => {
    const documented = (await readDocumentedCodes()).map((entry) => entry.code);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(catalogued).sort());
  });

  it("keeps plugin codes out of the engine's own catalogue", () => {
    expect(Object.keys(inboxErrors).filter((code) => code in errorCatalogue)).toEqual([]);
  });

  it("gives each code the catalogue's status and kind, under an area heading", async () => {
    for (const entry of await readDocumentedCodes()) {
      const known = catalogued[entry.code];
      expect({ code: entry.code, status: entry.status, kind: entry.kind }).toEqual({ code: entry.code, status: known?.status, kind: known?.kind });
      expect(entry.area).not.toBe('');
    }
  });
});
