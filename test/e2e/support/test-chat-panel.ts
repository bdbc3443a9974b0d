import type { Locator, Page } from 'playwright-core';

/** The flow editor's test chat as a person meets it: the setup, then the conversation. */
export class TestChatPanel {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  async open(): Promise<void> {
    await this.#page.getByTestId('test-button').click();
    await this.panel().waitFor();
  }

  panel(): Locator {
    return this.#page.locator('aside[data-panel="test"]');
  }

  /** Sets the test contact and the pretend time (`YYYY-MM-DDTHH:mm` in the person's zone, or null for now), then starts. */
  async start(options: { readonly name?: string; readonly tags?: string; readonly clock: string | null }): Promise<string> {
    const panel = this.panel();
    if (options.name !== undefined) await panel.getByLabel('Name', { exact: true }).fill(options.name);
    if (options.tags !== undefined) await panel.getByLabel('Tags').fill(options.tags);
    if (options.clock === null) await panel.getByLabel('Now (the real clock)').check();
    else {
      await panel.getByLabel('A date and time').check();
      await panel.getByLabel(/^Date and time/).fill(options.clock);
    }
    const started = this.#page.waitForResponse((response) => response.request().method() === 'POST' && /\/api\/workflows\/[^/]+\/tests$/.test(response.url()));
    await panel.getByRole('button', { name: 'Start test' }).click();
    const response = await started;
    if (response.status() !== 201) throw new Error(`Starting the test answered ${response.status()}: ${await response.text()}`);
    await this.transcript().waitFor();
    return ((await response.json()) as { id: string }).id;
  }

  transcript(): Locator {
    return this.panel().getByRole('log', { name: 'Test conversation' });
  }

  messages(direction?: 'inbound' | 'outbound'): Locator {
    return this.transcript().locator(direction === undefined ? '[data-testid="test-message"]' : `[data-testid="test-message"][data-direction="${direction}"]`);
  }

  /** Writes as the customer and sends with Enter, as people do in a chat. */
  async write(text: string): Promise<void> {
    const box = this.panel().getByRole('textbox', { name: /^Message as/ });
    await box.fill(text);
    await box.press('Enter');
    await this.messages('inbound').filter({ hasText: text }).first().waitFor();
  }

  runs(): Locator {
    return this.panel().getByTestId('test-runs');
  }

  async reset(): Promise<void> {
    const ended = this.#page.waitForResponse((response) => response.request().method() === 'DELETE' && /\/api\/tests\//.test(response.url()));
    await this.panel().getByRole('button', { name: 'Reset' }).click();
    await ended;
    await this.panel().getByRole('button', { name: 'Start test' }).waitFor();
  }
}
