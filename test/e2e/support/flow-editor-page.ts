import type { Locator, Page } from 'playwright-core';

/** A small flow every editor test can start from: a trigger and one message. */
export function smallFlow(name: string) {
  return {
    name,
    nodes: [
      { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
      { id: 'hello', type: 'inbox.send_message', config: { text: 'Hola {{ contact.name }}' }, position: { x: 0, y: 160 } },
    ],
    edges: [{ from: 'opened', to: 'hello' }],
  };
}

/** Creates a workflow through the API with the admin token and returns its id. */
export async function createWorkflow(baseUrl: string, adminToken: string, definition: unknown): Promise<string> {
  const response = await fetch(`${baseUrl}/api/workflows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(definition),
  });
  if (response.status !== 201) throw new Error(`POST /api/workflows answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export async function readWorkflow(
  baseUrl: string,
  adminToken: string,
  id: string,
): Promise<{ name: string; revision: number; draft: { name: string } & Record<string, unknown>; status: string; activeVersion: number | null }> {
  const response = await fetch(`${baseUrl}/api/workflows/${id}`, { headers: { authorization: `Bearer ${adminToken}` } });
  return (await response.json()) as never;
}

/** The flow editor at /flows/<id> as a person meets it: its header, its save state, its panels. */
export class FlowEditorPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  async open(id: string): Promise<void> {
    await this.#page.goto(`${this.#baseUrl}/flows/${id}`);
    await this.editor().waitFor();
  }

  editor(): Locator {
    return this.#page.getByTestId('flow-editor');
  }

  nameInput(label = 'Flow name'): Locator {
    return this.#page.getByRole('textbox', { name: label, exact: true });
  }

  /** Types a new name and leaves the field, which applies it (an edit like any other, autosaved). */
  async rename(name: string, label = 'Flow name'): Promise<void> {
    const input = this.nameInput(label);
    await input.fill(name);
    await input.press('Tab');
  }

  saveStatus(): Locator {
    return this.#page.getByTestId('save-status');
  }

  /** Waits until the header says everything is on the server. */
  async saved(): Promise<void> {
    await this.#page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  }

  async saveState(): Promise<string | null> {
    return this.saveStatus().getAttribute('data-state');
  }

  problemCount(): Locator {
    return this.#page.getByTestId('problem-count');
  }

  panelButton(name: string): Locator {
    return this.#page.getByRole('button', { name, exact: false });
  }
}
