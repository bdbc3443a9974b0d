import { useTranslation } from 'react-i18next';
import { TestConversation } from './TestConversation.tsx';
import { type TestSetup, TestSetupForm } from './TestSetupForm.tsx';
import type { TestChat } from './useTestChat.ts';

export interface TestChatPaneProps {
  readonly chat: TestChat;
  readonly setup: TestSetup;
  onSetup(setup: TestSetup): void;
  onShowProblems(): void;
}

/** The side panel's test chat: the setup until a test starts, then its conversation. */
export function TestChatPane({ chat, setup, onSetup, onShowProblems }: TestChatPaneProps) {
  const { t } = useTranslation('testChat');
  if (chat.test === null)
    return (
      <TestSetupForm
        setup={setup}
        onChange={onSetup}
        onStart={(request) => chat.start.mutate(request)}
        pending={chat.start.isPending}
        error={chat.start.error}
        onShowProblems={onShowProblems}
      />
    );
  return <TestConversation chat={chat} contactName={setup.name.trim() || t('contact.defaultName')} />;
}
