import type { Locator, Page } from 'playwright-core';

/**
 * The version history side panel, found inside `root` (the editor's side panel), in English:
 * compare two versions, read the diff, draw it on the canvas, restore a version as the draft.
 */
export class VersionHistoryPanel {
  readonly #page: Page;
  readonly root: Locator;

  constructor(page: Page, root: Locator) {
    this.#page = page;
    this.root = root;
  }

  /** A version's card in the list ("Version 2"); the draft's is "Draft". */
  version(number: number): Locator {
    return this.root.getByRole('listitem').filter({ has: this.#page.getByRole('heading', { name: `Version ${number}`, exact: true }) });
  }

  async waitForVersions(count: number): Promise<void> {
    await this.version(count).waitFor();
  }

  async compareWithDraft(number: number): Promise<void> {
    await this.version(number).getByRole('button', { name: 'Compare with the draft' }).click();
    await this.diffHeading().waitFor();
  }

  /** `'draft'` or a version number on either side. */
  async compare(from: number | 'draft', to: number | 'draft'): Promise<void> {
    await this.root.getByLabel('From', { exact: true }).selectOption(String(from));
    await this.root.getByLabel('To', { exact: true }).selectOption(String(to));
  }

  diffHeading(): Locator {
    return this.root.getByRole('heading', { name: /^Changes from / });
  }

  /** The diff's section of that title ("Steps changed", "Connections", "Flow"). */
  diffSection(title: string): Locator {
    return this.root.getByRole('heading', { name: new RegExp(`^${title} \\(\\d+\\)$`) }).locator('xpath=..');
  }

  async showOnCanvas(): Promise<void> {
    await this.root.getByRole('button', { name: 'Show on canvas' }).click();
  }

  /** Asks to restore the version and confirms; resolves once the dialog has closed (or shows why not). */
  async restore(number: number): Promise<Locator> {
    await this.version(number).getByRole('button', { name: 'Restore as draft…' }).click();
    const dialog = this.#page.getByRole('alertdialog', { name: `Restore version ${number} as the draft?` });
    await dialog.getByRole('button', { name: /^Restore (as draft|again)$/ }).click();
    return dialog;
  }

  restoredNotice(number: number): Locator {
    return this.root.getByRole('status').filter({ hasText: `Version ${number} is now the draft.` });
  }
}
