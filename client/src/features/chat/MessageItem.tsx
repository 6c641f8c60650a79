import { ActionIcon, Badge, Box, Button, Group, Menu, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { chatMessageActions } from '../../../../shared/chat/policy';
import type { ChatMe, ChatMessageView, ChatModerationAction } from '../../../../shared/chat/types';
import { ReportButton } from '../moderation/ReportButton';
import { useChatT } from './i18n';
import { removalLabel } from '../../../../shared/moderation/labels';

export interface MessageHandlers {
  edit: (message: ChatMessageView, body: string) => Promise<boolean>;
  remove: (message: ChatMessageView) => void;
  moderate: (message: ChatMessageView, action: ChatModerationAction) => void;
  mute: (message: ChatMessageView) => void;
}

interface MessageItemProps {
  message: ChatMessageView;
  me: ChatMe | null;
  selfId: string;
  /** The author may still edit or delete (within the room's window). */
  ownWindowOpen: boolean;
  handlers: MessageHandlers;
  time: string;
}

/**
 * One message. Removed messages show « message masqué par un modérateur » (hidden: it may come back), « message
 * supprimé par un modérateur » or « message supprimé » (its author deleted it) to pupils and parents (the words
 * of shared/moderation/labels.ts); moderators receive the original and see it with its status. What waits
 * for review (the message, or its author's change) is marked for its author and the moderators, who alone
 * receive it. The moderation actions offered follow the viewer's rights in the room, as the server sent them.
 */
export function MessageItem({ message, me, selfId, ownWindowOpen, handlers, time }: MessageItemProps) {
  const { t } = useChatT();
  const [editing, setEditing] = useState<string | null>(null);
  const own = message.authorId === selfId;
  const removed = message.status === 'hidden' || message.status === 'deleted';
  const live = message.status === 'published' || message.status === 'pending';
  const moderation = me ? chatMessageActions({ moderate: me.moderator, configure: me.configurer }, message, selfId) : [];
  const offers = (action: ChatModerationAction) => moderation.includes(action);
  const changeWaits = message.pendingBody !== null;
  const actions = [
    own && live && ownWindowOpen && { key: 'edit', label: t('message.edit'), run: () => setEditing(message.pendingBody ?? message.body ?? '') },
    own && live && ownWindowOpen && { key: 'delete', label: t('message.delete'), run: () => handlers.remove(message) },
    offers('approve') && { key: 'approve', label: changeWaits ? t('message.approveChange') : t('message.approve'), run: () => handlers.moderate(message, 'approve') },
    offers('reject') && { key: 'reject', label: t('message.reject'), run: () => handlers.moderate(message, 'reject') },
    offers('hide') && !own && { key: 'hide', label: t('message.hide'), run: () => handlers.moderate(message, 'hide') },
    offers('delete') && !own && { key: 'remove', label: t('message.remove'), run: () => handlers.moderate(message, 'delete') },
    offers('restore') && { key: 'restore', label: t('message.restore'), run: () => handlers.moderate(message, 'restore') },
    me?.configurer && !own && !message.authorRunsRoom && { key: 'mute', label: t('message.mute', { name: message.authorName }), run: () => handlers.mute(message) },
  ].filter((action): action is { key: string; label: string; run: () => void } => Boolean(action));

  return (
    <Box component="li" data-testid="chat-message" data-seq={message.seq} data-status={message.status} py={6} px="sm" style={{ borderRadius: 8 }} bg={own ? 'blue.0' : undefined}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="wrap">
            <Text fw={700} fz="sm">
              {own ? t('message.you') : message.authorName}
            </Text>
            <Text c="dimmed" fz="xs">
              {time}
            </Text>
            {message.edited && !removed && (
              <Text c="dimmed" fz="xs" fs="italic" data-testid="chat-edited">
                {t('message.edited')}
              </Text>
            )}
            {message.status === 'pending' && (
              <Badge color="yellow" size="sm" data-testid="chat-pending">
                {message.personalInfo && own ? t('message.pendingPersonalInfo') : t('message.pending')}
              </Badge>
            )}
            {changeWaits && (
              <Badge color="yellow" size="sm" data-testid="chat-pending-change">
                {t('message.pendingChange')}
              </Badge>
            )}
            {message.personalInfo && (
              <Badge color="orange" size="sm" data-testid="chat-personal-info">
                {t('message.personalInfo')}
              </Badge>
            )}
            {me?.moderator && message.status === 'hidden' && <Badge color="gray" size="sm">{t('message.hidden')}</Badge>}
            {me?.moderator && message.status === 'deleted' && <Badge color="red" size="sm">{t('message.deleted')}</Badge>}
            {message.pii.length > 0 && !message.personalInfo && <Badge color="orange" size="sm" data-testid="chat-pii">{t('message.pii')}</Badge>}
          </Group>
          {editing !== null ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void handlers.edit(message, editing.trim()).then((done) => done && setEditing(null));
              }}
            >
              <Textarea aria-label={t('message.editLabel')} value={editing} onChange={(event) => setEditing(event.currentTarget.value)} autosize minRows={1} autoFocus />
              <Group gap="xs" mt={4}>
                <Button size="xs" type="submit" disabled={!editing.trim()}>
                  {t('message.save')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setEditing(null)}>
                  {t('message.cancel')}
                </Button>
              </Group>
            </form>
          ) : message.body === null ? (
            <Text fs="italic" c="dimmed" data-testid="chat-removed">
              {t(`message.${removalLabel(message.status === 'hidden' ? 'hidden' : 'deleted', message.removedBy)}`)}
            </Text>
          ) : (
            <Text data-testid="chat-body" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} td={removed ? 'line-through' : undefined}>
              {message.body}
            </Text>
          )}
          {editing === null && changeWaits && (
            <Box data-testid="chat-pending-body" pl="xs" style={{ borderLeft: '3px solid var(--mantine-color-yellow-5)' }}>
              <Text fz="xs" c="dimmed">
                {t('message.pendingChangeLabel')}
              </Text>
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {message.pendingBody}
              </Text>
            </Box>
          )}
        </Stack>
        {!own && live && message.body !== null && editing === null && <ReportButton kind="chatMessage" itemId={message.id} spaceId={message.roomId} quote={message.body} />}
        {actions.length > 0 && editing === null && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('message.actions', { name: message.authorName })}>
                <span aria-hidden="true">⋯</span>
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {actions.map((action) => (
                <Menu.Item key={action.key} onClick={action.run} color={action.key === 'remove' || action.key === 'delete' ? 'red' : undefined}>
                  {action.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Box>
  );
}
