import type { Locator, Page } from 'playwright-core';

/**
 * The outline side panel, found inside `root`, driven with the keyboard only (in English): the
 * focus is moved with Tab-reachable buttons, never clicked.
 */
export class OutlinePanel {
  readonly #page: Page;
  readonly root: Locator;

  constructor(page: Page, root: Locator) {
    this.#page = page;
    this.root = root;
  }

  /** A step's card by its title (its name, else its type's title). */
  step(title: string): Locator {
    return this.root.getByRole('listitem').filter({ has: this.#page.getByRole('heading', { level: 4, name: title, exact: true }) });
  }

  /** The line of a step's port: "Assigned → Send message". */
  port(stepTitle: string, portLabel: string): Locator {
    return this.step(stepTitle)
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`^${portLabel}\\b`) });
  }

  async press(button: Locator): Promise<void> {
    await button.focus();
    await this.#page.keyboard.press('Enter');
  }

  /** Adds a trigger to an empty flow: the chooser is searched by typing and picked with Enter. */
  async addTrigger(search: string): Promise<void> {
    await this.press(this.root.getByRole('button', { name: 'Add a trigger' }));
    await this.#choose(search);
  }

  /** Adds a step after a port, as the keyboard does it; the focus lands on the new step's heading. */
  async addAfter(stepTitle: string, portLabel: string, search: string): Promise<void> {
    await this.press(this.step(stepTitle).getByRole('button', { name: `Add step after “${portLabel}”` }));
    await this.#choose(search);
  }

  async #choose(search: string): Promise<void> {
    const dialog = this.#page.getByRole('dialog');
    await dialog.getByRole('combobox').waitFor();
    await this.#page.keyboard.type(search);
    await this.#page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }

  /** Sends a port to another step (by its option label), or nowhere with `null`. */
  async route(stepTitle: string, portLabel: string, target: string | null): Promise<void> {
    await this.press(this.step(stepTitle).getByRole('button', { name: `Change where “${portLabel}” goes` }));
    const select = this.root.getByLabel(`Where “${portLabel}” goes`);
    await select.selectOption(target === null ? { value: '' } : { label: target });
    await this.#page.keyboard.press('Escape');
  }

  async rename(stepTitle: string, name: string): Promise<void> {
    await this.press(this.step(stepTitle).getByRole('button', { name: `Rename ${stepTitle}` }));
    await this.#page.keyboard.press('Control+A');
    await this.#page.keyboard.type(name);
    await this.#page.keyboard.press('Enter');
    await this.step(name).waitFor();
  }

  async remove(stepTitle: string): Promise<void> {
    await this.press(this.step(stepTitle).getByRole('button', { name: `Delete ${stepTitle}` }));
  }

  async openSettings(stepTitle: string): Promise<void> {
    await this.press(this.step(stepTitle).getByRole('button', { name: `Settings of ${stepTitle}` }));
  }

  /** The text of the element that has the focus, for checking where the keyboard is. */
  focusedText(): Promise<string> {
    return this.#page.evaluate(() => document.activeElement?.textContent ?? '');
  }
}
