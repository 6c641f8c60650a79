import { Alert, Anchor, Badge, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { chatIsOpen } from '../../../../shared/chat/hours';
import { CHAT_TYPING_THROTTLE_MS } from '../../../../shared/chat/limits';
import { chatSettingsOf } from '../../../../shared/chat/settings';
import type { ChatMessageView, ChatModerationAction } from '../../../../shared/chat/types';
import type { ErrorCode } from '../../../../shared/errors';
import type { ReasonCode } from '../../../../shared/moderation/types';
import { useMe } from '../auth/useSession';
import { Composer } from './Composer';
import { useChatT, type ChatKey } from './i18n';
import type { MessageHandlers } from './MessageItem';
import { MessageList } from './MessageList';
import { MuteModal } from './MuteModal';
import { chatPaths } from './paths';
import { ReasonModal } from '../moderation/ReasonModal';
import { RoomSettings } from './RoomSettings';
import { heldNotice } from './chatState';
import { useChatRoom, type Refusal } from './useChatRoom';
import { ArchivedNotice } from '../spaces/lifecycle/ArchivedNotice';

const KNOWN = new Set<string>(['MUTED', 'RATE_LIMITED', 'FORBIDDEN', 'VALIDATION', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE']);

/** Removing or refusing says why (the author is told); publishing or restoring needs no reason. */
type ReasonedAction = Extract<ChatModerationAction, 'hide' | 'delete' | 'reject'>;
const NEEDS_REASON: readonly ChatModerationAction[] = ['hide', 'delete', 'reject'];
const REASONED_TITLE: Record<ReasonedAction, ChatKey> = { hide: 'message.hide', delete: 'message.remove', reject: 'message.reject' };

/** The page of one room (keyed by room, so switching rooms starts afresh). */
export function ChatRoomPage() {
  const { roomId = '' } = useParams();
  return <ChatRoom key={roomId} roomId={roomId} />;
}

function ChatRoom({ roomId }: { roomId: string }) {
  const { t, language } = useChatT();
  const me = useMe();
  const selfId = me.user.id;
  const [error, setError] = useState<{ key: ChatKey; at: number } | null>(null);
  const [restored, setRestored] = useState<{ body: string; at: number } | null>(null);
  const [muting, setMuting] = useState<ChatMessageView | null>(null);
  const [removing, setRemoving] = useState<{ message: ChatMessageView; action: ReasonedAction } | null>(null);
  const [held, setHeld] = useState<ChatKey | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [clock, setClock] = useState(() => Date.now());
  const lastTyping = useRef(0);

  const errorKey = useCallback((code: ErrorCode, message = ''): ChatKey => {
    if (code === 'FORBIDDEN' && /closed/i.test(message)) return 'errors.CLOSED';
    return KNOWN.has(code) ? (`errors.${code}` as ChatKey) : 'errors.other';
  }, []);
  const onRefused = useCallback(
    (refusal: Refusal) => {
      setError({ key: errorKey(refusal.code, refusal.message), at: Date.now() });
      setRestored({ body: refusal.body, at: Date.now() });
    },
    [errorKey],
  );
  const onAccepted = useCallback((message: ChatMessageView) => setHeld(heldNotice(message, selfId)), [selfId]);
  const { state, live, load, outbox, emit, send, loadOlder, applied } = useChatRoom(roomId, selfId, onRefused, onAccepted);

  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  const fail = (code: ErrorCode, message?: string) => setError({ key: errorKey(code, message), at: Date.now() });
  const moderate = (message: ChatMessageView, action: ChatModerationAction, reasonCode: ReasonCode) =>
    void emit('chat:moderate', { roomId, messageId: message.id, action, reasonCode }).then((answer) => (applied(answer).ok ? undefined : !answer.ok && fail(answer.code)));
  const handlers: MessageHandlers = {
    edit: async (message, body) => {
      const answer = applied(await emit('chat:edit', { roomId, messageId: message.id, body }));
      if (!answer.ok) fail(answer.code, answer.message);
      else setHeld(heldNotice(answer.data.message, selfId));
      return answer.ok;
    },
    remove: (message) => {
      if (!window.confirm(t('message.confirmDelete'))) return;
      void emit('chat:delete', { roomId, messageId: message.id }).then((answer) => (applied(answer).ok ? undefined : !answer.ok && fail(answer.code)));
    },
    moderate: (message, action) => {
      if (NEEDS_REASON.includes(action)) setRemoving({ message, action: action as ReasonedAction });
      else moderate(message, action, action === 'restore' ? 'erreur' : 'autre');
    },
    mute: (message) => setMuting(message),
  };

  if (load.status === 'error') {
    return (
      <Stack maw={800}>
        <Alert color="red" role="alert">
          {t('room.notFound')}
        </Alert>
        <Anchor component={Link} to={chatPaths.rooms}>
          {t('room.back')}
        </Anchor>
      </Stack>
    );
  }
  if (!state.space || load.status === 'loading') {
    return (
      <Center py="xl" role="status">
        <Loader aria-hidden="true" />
        <Text ml="sm">{t('room.loading')}</Text>
      </Center>
    );
  }

  const settings = chatSettingsOf(state.space.settings);
  const open = chatIsOpen(settings, clock);
  const myself = state.me;
  const muted = myself?.mutedUntil && myself.mutedUntil > clock ? myself.mutedUntil : null;
  const lastMine = Math.max(myself?.lastSentAt ?? 0, ...state.messages.filter((m) => m.authorId === selfId).map((m) => m.createdAt));
  const waitSeconds = myself && !myself.configurer && settings.slowModeSeconds > 0 && lastMine > 0 ? Math.max(0, Math.ceil((lastMine + settings.slowModeSeconds * 1000 - clock) / 1000)) : 0;
  const time = (at: number) => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(at);
  const typingNames = Object.values(state.typing).map((entry) => entry.name);
  const canWrite = Boolean(myself?.mayPost) && (open || Boolean(myself?.configurer));

  return (
    <Stack gap="sm" maw={900} h="100%">
      <title>{state.space.title}</title>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Anchor component={Link} to={chatPaths.rooms} fz="sm">
            ← {t('room.back')}
          </Anchor>
          <Title order={1} fz={{ base: 24, sm: 30 }}>
            {state.space.title}
          </Title>
          <ArchivedNotice space={state.space} />
        </Stack>
        <Group gap="xs">
          <Badge color={live === 'online' ? 'green' : 'gray'} variant="dot" data-testid="chat-live" data-live={live}>
            {live === 'online' ? t('connection.online') : live === 'closed' ? t('connection.closed') : t('connection.connecting')}
          </Badge>
          <Badge variant="light">{t('room.present', { count: state.present })}</Badge>
          <Badge color={open ? 'green' : 'gray'}>{open ? t('room.open') : t('room.closed')}</Badge>
          {myself?.configurer && (
            <Button size="xs" variant="light" onClick={() => setSettingsOpen(true)}>
              {t('room.settings')}
            </Button>
          )}
        </Group>
      </Group>
      {live === 'reconnecting' && <Alert color="yellow" py={6}>{t('connection.offline')}</Alert>}
      {!open && !myself?.configurer && <Alert color="gray" py={6}>{settings.openingHours.length > 0 && settings.open ? t('room.hoursNotice') : t('room.closedNotice')}</Alert>}
      {muted && (
        <Alert color="red" py={6} role="status" data-testid="chat-muted-notice">
          {t('room.mutedNotice', { time: time(muted) })}
        </Alert>
      )}
      {myself && !myself.mayPost && <Alert color="gray" py={6}>{t('room.readOnly')}</Alert>}
      {settings.slowModeSeconds > 0 && !myself?.configurer && <Text fz="sm" c="dimmed">{t('room.slowMode', { count: settings.slowModeSeconds })}</Text>}
      {settings.preModeration && !myself?.configurer && <Text fz="sm" c="dimmed">{t('room.preModeration')}</Text>}
      {myself?.configurer && state.mutes.length > 0 && (
        <Group gap="xs" aria-label={t('room.mutedList')}>
          <Text fz="sm" fw={600}>
            {t('room.mutedList')}
          </Text>
          {state.mutes.map((mute) => (
            <Button key={mute.userId} size="compact-xs" variant="light" color="red" onClick={() => void emit('chat:unmute', { roomId, userId: mute.userId })}>
              {t('room.unmute', { name: mute.userName })} · {t('room.until', { time: time(mute.until) })}
            </Button>
          ))}
        </Group>
      )}
      <MessageList
        messages={state.messages}
        outbox={outbox}
        hasMore={state.hasMore}
        loadOlder={loadOlder}
        me={myself}
        selfId={selfId}
        editWindowMs={settings.editWindowMinutes * 60_000}
        handlers={handlers}
        language={language}
      />
      <Text fz="sm" c="dimmed" mih={20} aria-live="polite" data-testid="chat-typing">
        {typingNames.length > 0 ? t('room.typing', { count: typingNames.length, names: typingNames.join(', ') }) : ''}
      </Text>
      {held && (
        <Alert color="yellow" role="status" withCloseButton onClose={() => setHeld(null)} data-testid="chat-held">
          {t(held)}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)} data-testid="chat-error">
          {t(error.key)}
        </Alert>
      )}
      {canWrite && (
        <Composer
          restored={restored}
          waitSeconds={waitSeconds}
          personalInfoHeld={myself?.personalInfoHeld ?? true}
          disabled={muted !== null}
          onSend={(body) => {
            const queued = send(body);
            setError(queued ? null : { key: 'errors.QUEUE_FULL', at: Date.now() });
            return queued;
          }}
          onTyping={() => {
            if (Date.now() - lastTyping.current < CHAT_TYPING_THROTTLE_MS) return;
            lastTyping.current = Date.now();
            void emit('chat:typing', { roomId });
          }}
        />
      )}
      {myself?.configurer && <RoomSettings room={state.space} opened={settingsOpen} onClose={() => setSettingsOpen(false)} />}
      <ReasonModal
        title={t(REASONED_TITLE[removing?.action ?? 'delete'])}
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={(reason) => {
          if (removing) moderate(removing.message, removing.action, reason);
          setRemoving(null);
        }}
      />
      <MuteModal
        name={muting?.authorName ?? null}
        onClose={() => setMuting(null)}
        onMute={(minutes) => {
          const target = muting;
          setMuting(null);
          if (target) void emit('chat:mute', { roomId, userId: target.authorId, minutes, reasonCode: 'autre' }).then((answer) => !answer.ok && fail(answer.code));
        }}
      />
    </Stack>
  );
}
