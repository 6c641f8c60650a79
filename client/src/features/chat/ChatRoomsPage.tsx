import { Alert, Anchor, Badge, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { chatSettingsOf } from '../../../../shared/chat/settings';
import { createsIn } from '../../lib/capabilities';
import { useMe } from '../auth/useSession';
import { useDashboard } from '../dashboard/useDashboard';
import { useChatRooms, useCreateRoom, useOpenClassRoom } from './api';
import { useChatT } from './i18n';
import { chatRoomPath } from './paths';

/** *Discussions*: the rooms of my classes; teachers open their class's room and create group rooms here. */
export function ChatRoomsPage() {
  const { t } = useChatT();
  const rooms = useChatRooms();

  return (
    <Stack gap="xl" maw={1000}>
      <title>{t('rooms.pageTitle')}</title>
      <div>
        <Title order={1}>{t('rooms.title')}</Title>
        <Text c="dimmed">{t('rooms.intro')}</Text>
      </div>
      <TeacherActions classRoomIds={new Set(rooms.data?.filter((room) => room.classRoom).map((room) => (room.scope.kind === 'class' ? room.scope.classId : '')))} />
      {rooms.isPending && <Text role="status">{t('rooms.loading')}</Text>}
      {rooms.isError && (
        <Alert color="red" role="alert">
          {t('rooms.failed')}
        </Alert>
      )}
      {rooms.data?.length === 0 && <Text c="dimmed">{t('rooms.empty')}</Text>}
      {rooms.data && rooms.data.length > 0 && (
        <SimpleGrid component="ul" cols={{ base: 1, sm: 2 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
          {rooms.data.map((room) => (
            <Card component="li" key={room.id} withBorder radius="md" padding="md" data-testid="chat-room-card">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Anchor component={Link} to={chatRoomPath(room.id)} fw={700} fz="lg">
                  {room.title}
                </Anchor>
                <Group gap={4} wrap="nowrap">
                  {!chatSettingsOf(room.settings).open && <Badge color="gray">{t('rooms.closed')}</Badge>}
                  <Badge variant="light">{room.classRoom ? t('rooms.classRoom') : t('rooms.groupRoom')}</Badge>
                </Group>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/**
 * Opening a class's room (idempotent on the server) and creating a group room, for those who run a class (its
 * teachers, the direction), as `/api/me`'s capabilities say: nothing shows for anyone else.
 */
function TeacherActions({ classRoomIds }: { classRoomIds: Set<string> }) {
  const { t } = useChatT();
  const { capabilities } = useMe();
  const navigate = useNavigate();
  const dashboard = useDashboard();
  const openRoom = useOpenClassRoom();
  const createRoom = useCreateRoom();
  const classes = (dashboard.data?.classes ?? []).filter((item) => createsIn(capabilities, item.id));
  // A group room lives in a class, or in one of the school's groups (language groups, clubs…).
  const places = [
    ...classes.map((item) => ({ value: `class:${item.id}`, label: item.name })),
    ...(dashboard.data?.groups ?? []).map((item) => ({ value: `group:${item.id}`, label: item.name })),
  ];
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState<string | null>(null);
  const chosen = place ?? places[0]?.value ?? null;
  if (places.length === 0 || (classes.length === 0 && !capabilities.moderation.school)) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !title.trim()) return;
    const [kind, id = ''] = chosen.split(':');
    const scope = kind === 'group' ? { kind: 'group' as const, groupId: id } : { kind: 'class' as const, classId: id };
    createRoom.mutate({ title: title.trim(), scope }, { onSuccess: (room) => void navigate(chatRoomPath(room.id)) });
  };

  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="md">
        <Group gap="sm">
          {classes
            .filter((item) => !classRoomIds.has(item.id))
            .map((item) => (
              <Button key={item.id} loading={openRoom.isPending} onClick={() => openRoom.mutate(item.id, { onSuccess: (room) => void navigate(chatRoomPath(room.id)) })}>
                {t('rooms.openClassRoom', { name: item.name })}
              </Button>
            ))}
        </Group>
        <form onSubmit={submit} aria-label={t('rooms.createTitle')}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput label={t('rooms.createName')} value={title} onChange={(event) => setTitle(event.currentTarget.value)} maxLength={120} required w={{ base: '100%', xs: 260 }} />
            <Select
              label={t('rooms.createClass')}
              data={places}
              value={chosen}
              onChange={setPlace}
              allowDeselect={false}
              w={{ base: '100%', xs: 160 }}
            />
            <Button type="submit" variant="light" loading={createRoom.isPending} disabled={!title.trim()}>
              {t('rooms.createSubmit')}
            </Button>
          </Group>
        </form>
        {(openRoom.isError || createRoom.isError) && (
          <Alert color="red" role="alert">
            {t('rooms.createFailed')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
