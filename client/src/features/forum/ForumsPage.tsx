import { Alert, Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useForums } from './api';
import { useForumT } from './i18n';
import { forumPath } from './paths';

/** *Forums*: every forum this user may read (teachers create them from the dashboard). */
export function ForumsPage() {
  const { t } = useForumT();
  const forums = useForums();
  return (
    <Stack gap="lg" maw={1000}>
      <title>{t('list.pageTitle')}</title>
      <div>
        <Title order={1}>{t('list.title')}</Title>
        <Text c="dimmed">{t('list.intro')}</Text>
      </div>
      {forums.isPending && <Text role="status">{t('list.loading')}</Text>}
      {forums.isError && <Alert color="red" role="alert">{t('list.failed')}</Alert>}
      {forums.data?.length === 0 && <Text c="dimmed">{t('list.empty')}</Text>}
      <SimpleGrid component="ul" cols={{ base: 1, sm: 2 }} p={0} m={0} style={{ listStyle: 'none' }}>
        {forums.data?.map((forum) => (
          <Card component="li" key={forum.id} withBorder radius="md">
            <Anchor component={Link} to={forumPath(forum.id)} fw={700} fz="lg">
              {forum.title}
            </Anchor>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
