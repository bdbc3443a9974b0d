import { ApiRequestError } from './api-request-error.ts';
import type { components } from './schema.d.ts';

/*
 * Routes of issue 11 that the generated schema (schema.d.ts) does not have yet: live counts
 * (contract B) and the test chat (contract D), typed by hand from their contracts. Once their
 * branches are merged and `pnpm generate:api` has run, these types give way to the generated ones
 * and the calls to the typed client; nothing outside this module names their paths.
 */

export type Run = components['schemas']['Run'] & { readonly test?: boolean };

/** The windows live counts are counted over, as the server spells them. */
export const LIVE_WINDOWS = ['1h', '24h', '7d'] as const;
export type LiveWindow = (typeof LIVE_WINDOWS)[number];

export interface NodeLiveCounts {
  /** Runs executing this node now. */
  readonly running: number;
  /** Runs paused at this node now (a queue, a question, a wait). */
  readonly waiting: number;
  /** Per port, the runs that left this node by it within the window. */
  readonly ports: Readonly<Record<string, number>>;
}

export interface LiveCounts {
  readonly window: LiveWindow;
  readonly since: string;
  readonly nodes: Readonly<Record<string, NodeLiveCounts>>;
}

export interface TestContact {
  readonly name: string;
  readonly tags?: readonly string[];
  readonly fields?: Readonly<Record<string, string>>;
}

export interface StartTest {
  readonly contact: TestContact;
  /** "Pretend the time is" (an ISO date-time), or null for the real clock. */
  readonly clock?: string | null;
  readonly assignForReal?: boolean;
}

export interface FlowTest {
  readonly id: string;
  readonly workflowId: string;
  readonly version: number;
  readonly conversationId: string;
  readonly contactId: string;
  readonly clock: string | null;
  readonly assignForReal: boolean;
  readonly createdAt: string;
}

export interface TestMessage {
  readonly id: string;
  /** inbound: what the person wrote as the customer; outbound: what the customer would see. */
  readonly direction: 'inbound' | 'outbound';
  readonly text: string;
  readonly sentAt: string;
  readonly byAutomation: boolean;
}

export interface TestState {
  readonly test: FlowTest;
  readonly messages: readonly TestMessage[];
  readonly runs: readonly Run[];
}

async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; signal?: AbortSignal; keepalive?: boolean } = {},
): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.keepalive === true ? { keepalive: true } : {}),
  });
  const text = await response.text();
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) throw new ApiRequestError(response, body);
  return body as T;
}

const segment = encodeURIComponent;

export const pendingApi = {
  liveCounts: (workflowId: string, window: LiveWindow, signal?: AbortSignal) =>
    call<LiveCounts>('GET', `/api/workflows/${segment(workflowId)}/live-counts?window=${window}`, signal === undefined ? {} : { signal }),
  startTest: (workflowId: string, body: StartTest) => call<FlowTest>('POST', `/api/workflows/${segment(workflowId)}/tests`, { body }),
  readTest: (testId: string, signal?: AbortSignal) => call<TestState>('GET', `/api/tests/${segment(testId)}`, signal === undefined ? {} : { signal }),
  sendTestMessage: (testId: string, text: string) => call<unknown>('POST', `/api/tests/${segment(testId)}/messages`, { body: { text } }),
  setTestClock: (testId: string, clock: string | null) => call<FlowTest>('PATCH', `/api/tests/${segment(testId)}`, { body: { clock } }),
  /** `keepalive`: the request outlives a page being closed, so leaving the editor still cleans up. */
  endTest: (testId: string, keepalive = false) => call<unknown>('DELETE', `/api/tests/${segment(testId)}`, { keepalive }),
};
