import type { APIRequestContext } from 'playwright-core';

/** A workflow as the API answers (the fields the browser tests read). */
export interface WorkflowInfo {
  readonly id: string;
  readonly name: string;
  readonly status: 'draft' | 'active' | 'stopped';
  readonly activeVersion: number | null;
  readonly revision: number;
  readonly hasUnpublishedChanges: boolean;
  readonly archivedAt: string | null;
  readonly draft: { readonly name: string; readonly nodes: readonly { id: string; type: string; config: Record<string, unknown> }[] };
}

/**
 * A small flow that runs by hand: a manual trigger and one step that turns `trigger.n` into a
 * number, so a run started with `{ n: 'x' }` fails and one with `{ n: 1 }` completes.
 */
export function countingFlow(name: string): Record<string, unknown> {
  return {
    name,
    nodes: [
      { id: 'start', type: 'core.manual', config: {} },
      { id: 'count', type: 'core.set_variable', config: { assignments: [{ name: 'n', value: '{{ trigger.n }}', type: 'number' }] } },
    ],
    edges: [{ from: 'start', to: 'count' }],
  };
}

/**
 * The API as a signed-in person's browser context calls it (the context's cookies, and the Origin
 * header the server's cross-site check wants on every write), so what the tests set up carries
 * that person's name as its editor.
 */
export class WorkflowsApi {
  readonly #request: APIRequestContext;
  readonly #baseUrl: string;

  constructor(request: APIRequestContext, baseUrl: string) {
    this.#request = request;
    this.#baseUrl = baseUrl;
  }

  async #call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, data?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.#request.fetch(`${this.#baseUrl}${path}`, {
      method,
      headers: { origin: this.#baseUrl, ...headers },
      ...(data === undefined ? {} : { data }),
    });
    if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  create(definition: Record<string, unknown>): Promise<WorkflowInfo> {
    return this.#call('POST', '/api/workflows', definition);
  }

  get(id: string): Promise<WorkflowInfo> {
    return this.#call('GET', `/api/workflows/${id}`);
  }

  save(id: string, definition: Record<string, unknown>): Promise<WorkflowInfo> {
    return this.#call('PUT', `/api/workflows/${id}`, definition);
  }

  rename(id: string, name: string): Promise<WorkflowInfo> {
    return this.#call('PATCH', `/api/workflows/${id}`, { name });
  }

  publish(id: string): Promise<unknown> {
    return this.#call('POST', `/api/workflows/${id}/publish`, {});
  }

  stop(id: string): Promise<unknown> {
    return this.#call('POST', `/api/workflows/${id}/stop`);
  }

  list(query: Record<string, string> = {}): Promise<WorkflowInfo[]> {
    return this.#call('GET', `/api/workflows?${new URLSearchParams(query)}`);
  }

  /** Starts a run by hand and waits until it has finished, completed or failed. */
  async run(id: string, input: Record<string, unknown>): Promise<string> {
    const { runId } = await this.#call<{ runId: string }>('POST', `/api/workflows/${id}/runs`, { input });
    let status = 'unknown';
    for (let tries = 0; tries < 150; tries++) {
      ({ status } = (await this.#call<{ run: { status: string } }>('GET', `/api/runs/${runId}`)).run);
      if (status === 'completed' || status === 'failed') return status;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`Run ${runId} of ${id} did not finish within 30 s: it is ${status}.`);
  }
}
