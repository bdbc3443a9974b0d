import type { Dispatcher } from 'undici';
import { SwitchboardError } from '../errors.ts';
import type { NodeLogger } from '../sdk.ts';
import { DestinationUnreachable } from './egress-dispatcher.ts';
import { type HopRequest, MAX_REDIRECTS, redirectedRequest } from './redirected-request.ts';

/** `ctx.fetch`: the platform's fetch, under the egress policy. See `StepContext.fetch` in the SDK. */
export type GuardedFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * fetch for nodes (DESIGN "Security"), through the egress dispatcher
 * (./egress-dispatcher.ts), which checks every address it connects to.
 * Redirects are followed here, not by fetch, so each hop goes through it too
 * (./redirected-request.ts keeps fetch's rules).
 *
 * A destination that was refused, did not resolve, refused the connection or
 * did not connect in time fails with HTTP_DESTINATION_UNREACHABLE and one
 * text, whatever the reason: a flow author cannot tell an open port from a
 * closed one, or a refused address from a dead one. The reason goes to the
 * log. Failures after connecting (a reset, a TLS error, a timeout while
 * waiting for the answer) reject as fetch does.
 */
export function createGuardedFetch(dispatcher: Dispatcher, log: NodeLogger): GuardedFetch {
  return async (input, init = {}) => {
    const url = URL.parse(String(input));
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new SwitchboardError('STEP_INVALID_INPUT', `ctx.fetch calls http and https URLs only; found "${String(input)}".`);
    }
    const method = normalizeMethod(init.method ?? 'GET');
    // Named without the query string, which often carries an API key.
    const target = `${method} ${url.origin}${url.pathname}`;
    let request: HopRequest = { url, method, headers: new Headers(init.headers), body: init.body ?? null };
    for (let redirects = 0; ; redirects += 1) {
      const response = await fetchHop(dispatcher, log, init, request, target);
      const location = response.headers.get('location');
      if (init.redirect === 'manual' || location === null || ![301, 302, 303, 307, 308].includes(response.status)) {
        if (redirects > 0) Object.defineProperty(response, 'redirected', { value: true });
        return response;
      }
      await response.body?.cancel();
      // The texts fetch itself rejects with (TypeError "fetch failed", the reason as its cause).
      if (init.redirect === 'error') throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
      if (redirects === MAX_REDIRECTS) throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
      const next = URL.parse(location, request.url);
      if (next === null) throw new TypeError('fetch failed', { cause: new Error(`invalid redirect location "${location}"`) });
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        log.warn('outbound HTTP refused by the egress policy', { target, redirectTo: `${next.protocol}//${next.host}`, addressClass: 'scheme' });
        throw unreachable(target);
      }
      request = redirectedRequest(request, response.status, next);
    }
  };
}

async function fetchHop(dispatcher: Dispatcher, log: NodeLogger, init: RequestInit, request: HopRequest, target: string): Promise<Response> {
  let hasConnection = false;
  const tracked = {
    dispatch: (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) =>
      dispatcher.dispatch(
        options,
        onConnection(handler, () => (hasConnection = true)),
      ),
  };
  try {
    return await fetch(request.url, {
      ...init,
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      // An undici extension of Node's fetch; a dispatcher the caller passed is replaced.
      dispatcher: tracked,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const signal = init.signal;
    const timedOutConnecting = !hasConnection && signal?.aborted === true && signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';
    if (!(cause instanceof DestinationUnreachable) && !timedOutConnecting) throw error;
    const why = cause instanceof DestinationUnreachable ? cause.why : { reason: 'could not connect', error: 'timed out while connecting' };
    log.warn(`outbound HTTP ${String(why.reason)}`, { target, url: `${request.url.origin}${request.url.pathname}`, ...why });
    throw unreachable(target);
  }
}

/** The request's handler, telling when the request got a connection (undici calls onConnect, or onRequestStart, before writing it). */
function onConnection<H extends object>(handler: H, connected: () => void): H {
  return new Proxy(handler, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (property !== 'onConnect' && property !== 'onRequestStart') return value.bind(target);
      return (...args: unknown[]) => {
        connected();
        return value.apply(target, args);
      };
    },
  });
}

function unreachable(target: string): SwitchboardError {
  return new SwitchboardError(
    'HTTP_DESTINATION_UNREACHABLE',
    `${target} could not be reached: the host did not resolve or answer, or the egress policy refuses its address (see SWITCHBOARD_EGRESS_ALLOW).`,
  );
}

/** fetch upper-cases these methods and sends any other as written (WHATWG Fetch, "normalize a method"). */
function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : method;
}
