/** The most of a response body a step keeps: outputs are stored on the step row and read by templates, not archives. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ResponseBody {
  /** Parsed JSON when the response says it is JSON, else text; null when empty. */
  readonly value: unknown;
  /** The body was longer than MAX_BODY_BYTES; `value` is its first part, as text. */
  readonly isTruncated: boolean;
}

/**
 * Reads at most MAX_BODY_BYTES of a response, then cancels the stream, so a
 * large or endless answer can neither exhaust memory nor hold the step open.
 */
export async function readResponseBody(response: Response): Promise<ResponseBody> {
  if (response.body === null) return { value: null, isTruncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let isTruncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > MAX_BODY_BYTES) {
      chunks.push(value.subarray(0, MAX_BODY_BYTES - size));
      size = MAX_BODY_BYTES;
      isTruncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  // stream: true holds back a multi-byte character cut in half by the cap
  // instead of turning it into U+FFFD.
  const text = new TextDecoder().decode(Buffer.concat(chunks, size), { stream: isTruncated });
  if (text === '') return { value: null, isTruncated };
  if (isTruncated || !isJson(response.headers.get('content-type'))) return { value: text, isTruncated };
  try {
    return { value: JSON.parse(text), isTruncated };
  } catch {
    // A server that labels text as JSON still answered; keep what it said.
    return { value: text, isTruncated };
  }
}

function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}
