import { Bot, Clock, RotateCcw, SendHorizontal } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import buttons from '../../ui/buttons.module.css';
import forms from '../../ui/forms.module.css';
import { useFlow } from '../document/flow-store.ts';
import styles from './TestChat.module.css';
import type { TestChat } from './useTestChat.ts';
import { isoToWallClock, wallClockToIso } from './zoned-time.ts';

/**
 * A running test: the conversation as the customer sees it (their messages on the right, the
 * automation's on the left, marked), a box to write the next one, the pretend time, and Reset.
 */
export function TestConversation({ chat, contactName }: { readonly chat: TestChat; readonly contactName: string }) {
  const { t } = useTranslation('testChat');
  const format = useFormat();
  const [text, setText] = useState('');
  const messages = chat.state?.messages ?? [];
  const runs = chat.state?.runs ?? [];
  const titles = useFlow((state) => state.definition.nodes);
  const transcript = useRef<HTMLOListElement>(null);

  // The newest message in view, as a chat app keeps it.
  useEffect(() => {
    const list = transcript.current;
    if (list !== null && messages.length > 0) list.scrollTop = list.scrollHeight;
  }, [messages.length]);

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (message === '' || chat.send.isPending) return;
    chat.send.mutate(message, { onSuccess: () => setText('') });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  const inFlight = runs.find((run) => run.status === 'running' || run.status === 'waiting');
  const stepTitle = (nodeId: string) => {
    const node = titles.find((each) => each.id === nodeId);
    return node?.name?.trim() || nodeId;
  };

  return (
    <div className={styles.conversation}>
      <ClockControl chat={chat} />
      <ol ref={transcript} className={styles.transcript} role="log" aria-live="polite" aria-label={t('transcript')} data-testid="test-transcript">
        {messages.length === 0 && <li className={styles.emptyChat}>{t('empty', { name: contactName })}</li>}
        {messages.map((message) => (
          <li key={message.id} className={styles.message} data-direction={message.direction} data-testid="test-message">
            <span className={styles.author}>
              {message.direction === 'inbound' ? (
                t('you', { name: contactName })
              ) : message.byAutomation ? (
                <>
                  <Bot size={13} aria-hidden="true" />
                  {t('automation')}
                </>
              ) : (
                t('agent')
              )}
            </span>
            <span className={styles.bubble}>{message.text}</span>
            <time className={styles.time} dateTime={message.sentAt} title={t('sentAt', { time: format.dateTime(message.sentAt) })}>
              {format.time(message.sentAt)}
            </time>
          </li>
        ))}
      </ol>
      {runs.length > 0 && (
        <p className={styles.runs} data-testid="test-runs">
          {t('runs', { count: runs.length })}
          {inFlight?.cursorNode != null && ` ${t('runAt', { step: stepTitle(inFlight.cursorNode), status: t(`status.${inFlight.status}`) })}`}
        </p>
      )}
      <form className={styles.composer} onSubmit={send}>
        <textarea
          className={`${forms.input} ${styles.composerInput}`}
          aria-label={t('message', { name: contactName })}
          placeholder={t('placeholder')}
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className={`${buttons.button} ${buttons.primary}`} disabled={text.trim() === '' || chat.send.isPending}>
          <SendHorizontal size={16} aria-hidden="true" />
          {t('send')}
        </button>
      </form>
      {chat.send.error !== null && (
        <p className={styles.error} role="alert">
          {t('sendFailed', { reason: chat.send.error.message })}
        </p>
      )}
      <div className={styles.footer}>
        <button
          type="button"
          className={`${buttons.button} ${buttons.secondary}`}
          onClick={() => chat.end.mutate()}
          disabled={chat.end.isPending}
          aria-describedby="test-reset-hint"
        >
          <RotateCcw size={16} aria-hidden="true" />
          {t('reset')}
        </button>
        <span id="test-reset-hint" className={forms.hint}>
          {t('resetHint')}
        </span>
      </div>
      {chat.end.error !== null && (
        <p className={styles.error} role="alert">
          {t('endFailed', { reason: chat.end.error.message })}
        </p>
      )}
    </div>
  );
}

/** The pretend time of a running test, and changing it (PATCH), or back to the real clock. */
function ClockControl({ chat }: { readonly chat: TestChat }) {
  const { t, i18n } = useTranslation('testChat');
  const format = useFormat();
  const clock = chat.test?.clock ?? null;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const open = () => {
    setValue(clock === null ? isoToWallClock(new Date().toISOString(), format.timeZone) : isoToWallClock(clock, format.timeZone));
    setEditing(true);
  };
  const iso = wallClockToIso(value, format.timeZone);
  return (
    <div className={styles.clock}>
      <Clock size={14} aria-hidden="true" />
      <span data-testid="test-clock">
        {clock === null
          ? t('clock.real')
          : // The weekday first: business hours turn on it.
            t('clock.current', {
              time: `${new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: format.timeZone }).format(new Date(clock))}, ${format.dateTime(clock)}`,
            })}
      </span>
      {!editing && (
        <button type="button" className={styles.linkButton} onClick={open}>
          {t('clock.change')}
        </button>
      )}
      {editing && (
        <form
          className={styles.clockForm}
          onSubmit={(event) => {
            event.preventDefault();
            if (iso !== undefined) chat.setClock.mutate(iso, { onSuccess: () => setEditing(false) });
          }}
        >
          <input
            type="datetime-local"
            className={forms.input}
            aria-label={t('clock.value', { zone: format.timeZone })}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className={`${buttons.button} ${buttons.secondary}`} disabled={iso === undefined || chat.setClock.isPending}>
            {t('clock.apply')}
          </button>
          <button type="button" className={styles.linkButton} onClick={() => chat.setClock.mutate(null, { onSuccess: () => setEditing(false) })}>
            {t('clock.useNow')}
          </button>
        </form>
      )}
    </div>
  );
}
