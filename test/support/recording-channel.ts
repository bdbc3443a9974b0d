import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One outbound message as the channel bridge accepted it (its first 2xx). */
export interface RecordedDelivery {
  readonly messageId: string;
  readonly conversationId: string;
  readonly text: string;
  readonly idempotencyKey: string;
  /** The `via` of the URL it was sent to: which process delivered it (see `urlFor`). */
  readonly via: string;
  /** When the bridge first answered 2xx for this key (this process's clock, ms since the epoch). */
  readonly acceptedAt: number;
}

/** A request the bridge holds without answering, as a bridge that hangs would. */
export interface HeldRequest {
  readonly messageId: string;
  readonly text: string;
  readonly via: string;
}

export interface RecordingChannel {
  /** The bridge's URL for SWITCHBOARD_CHANNELS (`whatsapp=<url>`); `via` names the process it is given to. */
  urlFor(via: string): string;
  /** Accepted deliveries by idempotency key: a bridge that deduplicates, as promise 2 expects of one. */
  readonly accepted: ReadonlyMap<string, RecordedDelivery>;
  /** Requests per idempotency key, repeats and held ones included. */
  readonly requests: ReadonlyMap<string, number>;
  /**
   * Holds the next request whose body `matches` (any, by default) without ever answering it, so
   * the process delivering it is stuck inside the delivery; resolves as it arrives.
   */
  holdNext(matches?: (body: { readonly text: string }) => boolean): Promise<HeldRequest>;
  close(): Promise<void>;
}

/**
 * A webhook channel bridge in the test process (the engine under test runs as other processes):
 * it answers 200 after `latencyMs`, keeping deliveries under way, and records each message once
 * by its `Idempotency-Key`.
 */
export async function startRecordingChannel(options: { readonly latencyMs?: number } = {}): Promise<RecordingChannel> {
  const accepted = new Map<string, RecordedDelivery>();
  const requests = new Map<string, number>();
  const holds: { matches: (body: { readonly text: string }) => boolean; resolve: (held: HeldRequest) => void }[] = [];
  const held = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(raw) as { messageId: string; conversationId: string; text: string };
      const key = String(request.headers['idempotency-key']);
      const via = new URL(request.url ?? '/', 'http://bridge').searchParams.get('via') ?? '';
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const hold = holds.find((candidate) => candidate.matches(body));
      if (hold !== undefined) {
        holds.splice(holds.indexOf(hold), 1);
        held.add(response);
        hold.resolve({ messageId: body.messageId, text: body.text, via });
        return;
      }
      setTimeout(() => {
        if (!accepted.has(key)) {
          accepted.set(key, {
            messageId: body.messageId,
            conversationId: body.conversationId,
            text: body.text,
            idempotencyKey: key,
            via,
            acceptedAt: Date.now(),
          });
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      }, options.latencyMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  return {
    urlFor: (via) => `${base}?via=${encodeURIComponent(via)}`,
    accepted,
    requests,
    holdNext: (matches = () => true) => new Promise((resolve) => holds.push({ matches, resolve })),
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
