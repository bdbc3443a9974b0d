/**
 * Ids the inbox nodes' output examples share, so the editor's previews of one flow (a
 * trigger's conversation, the agent a step assigned) read as one consistent story.
 */
export const samples = {
  conversationId: '5b7a3c1e-2f4d-4e8a-9c61-0d2e7f9a4b13',
  contactId: '8c2f6d90-1a3b-4c5d-8e7f-a1b2c3d4e5f6',
  agentId: '3e9d1f27-6b8c-4a0d-9e12-f34a56b78c90',
  previousAgentId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  messageId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  workflowId: 'c4d5e6f7-0a1b-4c2d-8e3f-405162738495',
  agent: { name: 'Ana García', email: 'ana@example.com' },
} as const;
