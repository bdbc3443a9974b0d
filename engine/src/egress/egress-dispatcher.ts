import { lookup } from 'node:dns';
import { isIP, type LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { EgressPolicy } from './egress-policy.ts';

/**
 * Why a connection was never made: refused by the policy, or failed to
 * resolve or connect. Requests that waited for it fail with it as their cause;
 * `why` is for the operator's log, never for the run.
 */
export class DestinationUnreachable extends Error {
  readonly why: Readonly<Record<string, unknown>>;
  constructor(message: string, why: Readonly<Record<string, unknown>>, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DestinationUnreachable';
    this.why = why;
  }
}

/**
 * The connection pool of outbound HTTP (one per process, so keep-alive
 * connections are shared by steps as fetch's global pool shares them), whose
 * connector enforces the policy on the address it connects to: an IP literal
 * before connecting (net.connect looks nothing up for one, and
 * `http://2130706433/` is `127.0.0.1` once parsed), a host name in the
 * `lookup` that hands net.connect its addresses. What was checked is what is
 * connected to, so a DNS answer that changes between a check and the connect
 * (rebinding) cannot slip through. Every way a connection is not made fails
 * with DestinationUnreachable.
 */
export function createEgressDispatcher(policy: EgressPolicy): Agent {
  const connect = buildConnector({ lookup: guardedLookup(policy) });
  return new Agent({
    connect: (options, callback) => {
      const refusedAs = isIP(options.hostname) === 0 ? undefined : policy.refusedAs(options.hostname);
      if (refusedAs !== undefined) {
        const why = { reason: 'refused by the egress policy', address: options.hostname, addressClass: refusedAs };
        callback(new DestinationUnreachable(`${options.hostname} is a ${refusedAs} address`, why), null);
        return;
      }
      let isConnected = false;
      const socket: unknown = connect(options, (error, connected) => {
        if (error === null) callback(null, connected);
        // A TLS failure after the TCP connect is a failure there, reported as fetch reports it.
        else if (isConnected || error instanceof DestinationUnreachable) callback(error, null);
        else callback(new DestinationUnreachable(error.message, { reason: 'could not connect', error }, { cause: error }), null);
      });
      // undici's connector returns its socket (the types say void), and calls back only once TLS is up.
      if (socket instanceof Socket) socket.once('connect', () => (isConnected = true));
    },
  });
}

/** dns.lookup, keeping only the addresses the policy allows; none left fails the connect. */
function guardedLookup(policy: EgressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) {
        callback(error, '');
        return;
      }
      const allowed = addresses.filter((address) => policy.refusedAs(address.address, hostname) === undefined);
      const [first] = allowed;
      if (first === undefined) {
        const refused = addresses.map((address) => `${address.address} (${policy.refusedAs(address.address, hostname)})`);
        const why = { reason: 'refused by the egress policy', hostname, addresses: refused };
        callback(new DestinationUnreachable(`${hostname} resolves to refused addresses only`, why), '');
        return;
      }
      if (options.all === true) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
}
