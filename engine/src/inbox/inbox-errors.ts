import { defineErrorCodes, type ErrorCodeEntry } from '@switchboard/sdk';

/**
 * The inbox's error codes, registered by its plugin (`errors`) rather than
 * listed in the engine's catalogue; engine/ERRORS.md documents them under
 * "Inbox" and its test checks them both ways.
 */
export const inboxErrors = defineErrorCodes({
  INBOX_AGENT_NOT_FOUND: { status: 404, kind: 'user', summary: 'No agent has this id.' },
  INBOX_AGENT_PROFILE_NOT_FOUND: { status: 404, kind: 'user', summary: 'The signed-in person has no agent profile.' },
  INBOX_TEAM_NOT_FOUND: { status: 404, kind: 'user', summary: 'No team has this id.' },
  INBOX_CONTACT_NOT_FOUND: { status: 404, kind: 'user', summary: 'No contact has this id.' },
  INBOX_CONVERSATION_NOT_FOUND: { status: 404, kind: 'user', summary: 'No conversation has this id.' },
  INBOX_SNIPPET_NOT_FOUND: { status: 404, kind: 'user', summary: 'No snippet has this id or shortcut.' },
  INBOX_CONTACT_FIELD_NOT_FOUND: { status: 422, kind: 'user', summary: 'No contact field is defined with this key.' },
  INBOX_FIELD_VALUE_INVALID: { status: 422, kind: 'user', summary: "A contact field value does not match the field's type or options." },
  INBOX_CHANNEL_UNKNOWN: { status: 422, kind: 'user', summary: 'No channel adapter is configured with this name.' },
  INBOX_EMAIL_TAKEN: { status: 409, kind: 'user', summary: 'Another agent already has this email.' },
  INBOX_TEAM_NAME_TAKEN: { status: 409, kind: 'user', summary: 'Another team already has this name.' },
  INBOX_SNIPPET_SHORTCUT_TAKEN: { status: 409, kind: 'user', summary: 'Another snippet already has this shortcut.' },
  INBOX_CONTACT_FIELD_TAKEN: { status: 409, kind: 'user', summary: 'A contact field with this key is already defined.' },
  INBOX_CONVERSATION_CLOSED: { status: 409, kind: 'user', summary: 'The conversation is closed; reopen it first.' },
  INBOX_CONVERSATION_ALREADY_OPEN: { status: 409, kind: 'user', summary: 'The contact already has another open conversation.' },
  INBOX_CAPACITY_FULL: { status: 409, kind: 'user', summary: 'The agent already holds as many open conversations as its capacity allows.' },
  INBOX_TEXT_TOO_LONG: { status: 422, kind: 'user', summary: 'A message or comment text is longer than the inbox keeps (20,000 characters).' },
  INBOX_DELIVERY_FAILED: { status: 502, kind: 'operational', summary: 'A channel did not accept an outbound message.' },
});

type InboxErrorCodes = Record<keyof typeof inboxErrors, ErrorCodeEntry>;

declare module '@switchboard/sdk' {
  interface ErrorCodes extends InboxErrorCodes {}
}
