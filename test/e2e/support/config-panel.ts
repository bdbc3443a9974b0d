import type { Locator, Page } from 'playwright-core';

/** The step settings panel beside the canvas, as a person works it. */
export class ConfigPanelPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  /** Clicks the step's card on the canvas, which opens its settings. */
  async open(stepTitle: string): Promise<void> {
    await this.#page.getByTestId('step-card').filter({ hasText: stepTitle }).first().click();
    await this.heading(stepTitle).waitFor();
  }

  panel(): Locator {
    return this.#page.locator('aside[data-panel="step"]');
  }

  heading(title: string): Locator {
    return this.panel().getByRole('heading', { level: 3, name: title });
  }

  /** The error text under a field (role=alert), by what it says. */
  error(text: string | RegExp): Locator {
    return this.panel().getByRole('alert').filter({ hasText: text });
  }

  /** Picks an option in a picker (a combobox) by typing part of its name and choosing with the keyboard. */
  async pick(label: string, typed: string, option: string): Promise<void> {
    const combobox = this.panel().getByRole('combobox', { name: label, exact: true });
    await combobox.fill(typed);
    await this.#page.getByRole('option', { name: option }).waitFor();
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
  }

  /** The template editor of a field (CodeMirror's content, labelled by the field). */
  template(label: string | RegExp): Locator {
    return this.panel().getByRole('textbox', typeof label === 'string' ? { name: label, exact: true } : { name: label });
  }
}
