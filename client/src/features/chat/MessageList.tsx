import { Box, Button, Center, Text } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatMe, ChatMessageView } from '../../../../shared/chat/types';
import { useChatT } from './i18n';
import { MessageItem, type MessageHandlers } from './MessageItem';
import type { OutboxItem } from './outbox';

interface MessageListProps {
  messages: ChatMessageView[];
  outbox: OutboxItem[];
  hasMore: boolean;
  loadOlder: () => Promise<void>;
  me: ChatMe | null;
  selfId: string;
  editWindowMs: number;
  handlers: MessageHandlers;
  language: string;
}

const NEAR_BOTTOM_PX = 80;

/**
 * The conversation, oldest at the top. Scrolling to the top loads earlier messages (cursor on seq) while
 * keeping the reader's place; new messages scroll into view only when the reader is already at the bottom.
 */
export function MessageList({ messages, outbox, hasMore, loadOlder, me, selfId, editWindowMs, handlers, language }: MessageListProps) {
  const { t } = useChatT();
  const box = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const older = async () => {
    if (loading || !hasMore || !box.current) return;
    anchor.current = { height: box.current.scrollHeight, top: box.current.scrollTop };
    setLoading(true);
    try {
      await loadOlder();
    } finally {
      setLoading(false);
    }
  };
  const olderRef = useRef(older);
  useEffect(() => {
    olderRef.current = older;
  });

  useEffect(() => {
    const target = sentinel.current;
    if (!target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && void olderRef.current(), { root: box.current });
    observer.observe(target);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    if (anchor.current) {
      // Earlier messages were added above: keep what the reader was looking at in place.
      element.scrollTop = element.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages, outbox]);

  return (
    <Box
      ref={box}
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
      }}
      style={{ flex: 1, overflowY: 'auto', minHeight: 240, maxHeight: 'calc(100dvh - 330px)', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 12 }}
      p="xs"
      data-testid="chat-log"
    >
      <div ref={sentinel} />
      <Center py={4}>
        {hasMore ? (
          <Button variant="subtle" size="xs" onClick={() => void older()} loading={loading}>
            {loading ? t('room.loadingOlder') : t('room.loadOlder')}
          </Button>
        ) : (
          messages.length > 0 && <Text c="dimmed" fz="xs">{t('room.beginning')}</Text>
        )}
      </Center>
      {messages.length === 0 && outbox.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('room.empty')}
        </Text>
      )}
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            me={me}
            selfId={selfId}
            ownWindowOpen={now - message.createdAt < editWindowMs}
            handlers={handlers}
            time={format.format(message.createdAt)}
          />
        ))}
        {outbox
          .filter((item) => !messages.some((message) => message.key === item.key && message.authorId === selfId))
          .map((item) => (
            <Box component="li" key={item.key} py={6} px="sm" bg="gray.0" style={{ borderRadius: 8, opacity: 0.75 }} data-testid="chat-queued">
              <Text fz="xs" c="dimmed">
                {t('message.queued')}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{item.body}</Text>
            </Box>
          ))}
      </Box>
    </Box>
  );
}
