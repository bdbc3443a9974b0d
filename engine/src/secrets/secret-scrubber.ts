/**
 * Takes secret values out of what a step records (ARCHITECTURE.md, Security): every
 * occurrence of a value the step used, in its rendered input, output, vars, wait state,
 * error and log lines, becomes a marker naming the secret, `[secret:API_TOKEN]`. A server
 * that echoes the Authorization header back, or an error that quotes a URL with a token
 * in it, then leaves nothing to read in the run, the API or the logs.
 *
 * A value is also looked for in the forms it takes inside JSON text (escaped quotes and
 * backslashes) and URLs (percent-encoded), and text a template made from secrets
 * (`{{ "user:" | append: secrets.PASS | base64_encode }}`) counts as secret too.
 */
export class SecretScrubber {
  readonly #markers = new Map<string, string>();
  #pattern: RegExp | undefined;

  /** Whether there is nothing to scrub: the step used no secret, and scrubbing costs nothing. */
  get isEmpty(): boolean {
    return this.#markers.size === 0;
  }

  addSecret(name: string, value: string): void {
    const marker = `[secret:${name}]`;
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) this.#add(form, marker);
  }

  /** Text templates made from the secrets `names`, kept apart from the raw values it may not contain (a base64 of one). */
  addDerived(text: string, names: readonly string[]): void {
    if (text === '' || this.text(text) !== text) return;
    this.#add(text, `[secret:${names.join(',')}]`);
  }

  text(text: string): string {
    if (this.#markers.size === 0) return text;
    if (this.#pattern === undefined) {
      // Longest first, in one pass: a value inside another is replaced as part of the longer
      // one, and no marker is scanned again (a secret "secret" never rewrites "[secret:X]").
      const forms = [...this.#markers.keys()].sort((a, b) => b.length - a.length);
      this.#pattern = new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    }
    return text.replace(this.#pattern, (found) => this.#markers.get(found) ?? found);
  }

  /**
   * `value` with every string (and object key) scrubbed, as JSON would store it: objects
   * become plain data, `toJSON` is honoured (a Date becomes its ISO text). What JSON cannot
   * store (a cycle, a BigInt, a function) is left in place for the output check to report.
   */
  value<T>(value: T): T {
    if (this.#markers.size === 0) return value;
    return this.#scrub(value, []) as T;
  }

  #scrub(value: unknown, ancestors: unknown[]): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object' || ancestors.includes(value)) return value;
    const { toJSON } = value as { toJSON?: unknown };
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(value, '');
      if (json !== value) return this.#scrub(json, ancestors);
    }
    ancestors.push(value);
    try {
      if (Array.isArray(value)) return value.map((item) => this.#scrub(item, ancestors));
      // fromEntries defines own properties, so a "__proto__" key stays a key.
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.text(key), this.#scrub(item, ancestors)]));
    } finally {
      ancestors.pop();
    }
  }

  #add(form: string, marker: string): void {
    if (form === '' || this.#markers.has(form)) return;
    this.#markers.set(form, marker);
    this.#pattern = undefined;
  }
}
