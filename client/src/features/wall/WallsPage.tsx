import { Alert, Anchor, Button, Card, Center, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DashboardResponse } from '../../../../shared/identity/api';
import type { SpaceView } from '../../../../shared/spaces/types';
import { WALL_LAYOUTS, type WallLayout } from '../../../../shared/wall/settings';
import { apiRequest } from '../../lib/api';
import { createsIn, createsSpaces } from '../../lib/capabilities';
import { useMe } from '../auth/useSession';
import { createWallFrom } from '../space-copy/api';
import { DuplicateSpaceButton } from '../space-copy/DuplicateSpaceButton';
import { EMPTY_START, startFields, TemplatePicker, type WallStart } from '../space-copy/TemplatePicker';
import { createWall, fetchWalls } from './api';
import { useWallT } from './i18n';
import { wallPath } from './paths';

/** *Murs*: the walls the user can see, and for teachers a form to create one for a class. */
export function WallsPage() {
  const { t } = useWallT();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const walls = useQuery({ queryKey: ['walls'], queryFn: ({ signal }) => fetchWalls(signal) });
  const mayCreate = createsSpaces(me.capabilities);
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: ({ signal }) => apiRequest<DashboardResponse>('/api/dashboard', { signal }), enabled: mayCreate });
  const classes = (dashboard.data?.classes ?? []).filter((item) => createsIn(me.capabilities, item.id));
  const [title, setTitle] = useState('');
  const [classId, setClassId] = useState<string | null>(null);
  const [layout, setLayout] = useState<WallLayout>('columns');
  const [start, setStart] = useState<WallStart>(EMPTY_START);
  const ownWalls = (walls.data ?? []).filter((wall) => wall.ownerId === me.user.id);
  const create = useMutation({
    mutationFn: () =>
      start.template || start.fromSpaceId
        ? createWallFrom({ title: title.trim(), classId: classId ?? classes[0]!.id, start: startFields(start) })
        : createWall({
            title: title.trim(),
            classId: classId ?? classes[0]!.id,
            parentsMayComment: false,
            settings: {
              layout,
              sections: [
                { id: 'idees', title: t('defaultSections.first'), order: 0 },
                { id: 'questions', title: t('defaultSections.second'), order: 1 },
                { id: 'trouvailles', title: t('defaultSections.third'), order: 2 },
              ],
            },
          }),
    onSuccess: async (space) => {
      await client.invalidateQueries({ queryKey: ['walls'] });
      void navigate(wallPath(space.id));
    },
  });

  return (
    <Stack gap="xl" maw={1100}>
      <title>{t('list.pageTitle')}</title>
      <div>
        <Title order={1}>{t('list.title')}</Title>
        <Text c="dimmed">{t('list.intro')}</Text>
      </div>
      {mayCreate && classes.length > 0 && (
        <Paper component="section" withBorder radius="lg" p="lg" aria-labelledby="creer-un-mur">
          <Title order={2} id="creer-un-mur" mb="sm">
            {t('list.createTitle')}
          </Title>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (title.trim()) create.mutate();
            }}
          >
            <Stack gap="sm" maw={520}>
              <TextInput label={t('list.wallTitle')} placeholder={t('list.wallTitlePlaceholder')} value={title} onChange={(event) => setTitle(event.currentTarget.value)} required maxLength={120} />
              <Select label={t('list.class')} data={classes.map((item) => ({ value: item.id, label: item.name }))} value={classId ?? classes[0]!.id} onChange={setClassId} allowDeselect={false} />
              <TemplatePicker value={start} onChange={setStart} ownWalls={ownWalls} />
              <div hidden={Boolean(start.template || start.fromSpaceId)}>
                <Text fz="sm" fw={500} mb={4}>
                  {t('list.layout')}
                </Text>
                <SegmentedControl value={layout} onChange={(value) => setLayout(value as WallLayout)} data={WALL_LAYOUTS.map((value) => ({ value, label: t(`layouts.${value}`) }))} aria-label={t('list.layout')} />
              </div>
              {create.isError && <Alert color="red">{t('errors.other')}</Alert>}
              <Group>
                <Button type="submit" loading={create.isPending} disabled={!title.trim()} data-testid="wall-create">
                  {t('list.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      {walls.isPending && (
        <Center py="xl" role="status">
          <Loader aria-hidden="true" />
          <Text ml="sm">{t('list.loading')}</Text>
        </Center>
      )}
      {walls.isError && <Alert color="red">{t('errors.other')}</Alert>}
      {walls.data && walls.data.length === 0 && <Text>{t('list.empty')}</Text>}
      {walls.data && walls.data.length > 0 && (
        <SimpleGrid component="ul" cols={{ base: 1, xs: 2, lg: 3 }} p={0} m={0} style={{ listStyle: 'none' }}>
          {walls.data.map((wall) => (
            <Card component="li" key={wall.id} withBorder radius="lg" padding="lg" data-testid="wall-list-item">
              <Title order={2} size="h3">
                <Anchor component={Link} to={wallPath(wall.id)} aria-label={t('list.open', { title: wall.title })}>
                  {wall.title}
                </Anchor>
              </Title>
              <Text c="dimmed" fz="sm">
                {wall.ownerName}
              </Text>
              {(wall as SpaceView).rights?.configure && (
                <Group mt="sm">
                  <DuplicateSpaceButton space={wall} />
                </Group>
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
