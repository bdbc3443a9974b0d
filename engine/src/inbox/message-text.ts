import { SwitchboardError } from '@switchboard/engine/sdk';

/**
 * The longest text a message or a team comment may have, in characters: what the API accepts,
 * held for flows and custom nodes too, whose templates may render up to 256K characters. Channels
 * cap far lower (WhatsApp at 4,096), and a conversation is read by people; longer is a mistake.
 */
export const MAX_TEXT_LENGTH = 20_000;

/** Refuses a text over MAX_TEXT_LENGTH; `what` says whose ("Message", "Comment"). */
export function checkTextLength(text: string, what: string): void {
  if (text.length <= MAX_TEXT_LENGTH) return;
  throw new SwitchboardError(
    'INBOX_TEXT_TOO_LONG',
    `${what} text is ${text.length.toLocaleString('en-US')} characters, more than the ${MAX_TEXT_LENGTH.toLocaleString('en-US')} the inbox keeps. Send a shorter text, or a link to the rest.`,
    { details: { length: text.length, limit: MAX_TEXT_LENGTH } },
  );
}
