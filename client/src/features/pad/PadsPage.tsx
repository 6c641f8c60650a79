import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { usePads } from './api';
import { usePadT } from './i18n';
import { padPath } from './paths';

/** Every pad the user may read (teachers create them from the dashboard). */
export function PadsPage() {
  const { t } = usePadT();
  const pads = usePads();
  useEffect(() => {
    document.title = t('list.pageTitle');
  }, [t]);
  return (
    <Stack gap="md">
      <Title order={1}>{t('list.title')}</Title>
      <Text>{t('list.intro')}</Text>
      {pads.isPending && <Text role="status">{t('page.loading')}</Text>}
      {pads.data?.length === 0 && <Text c="dimmed">{t('list.empty')}</Text>}
      <SimpleGrid component="ul" cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
        {pads.data?.map((pad) => (
          <Card component="li" key={pad.id} withBorder radius="md" padding="md">
            <Anchor component={Link} to={padPath(pad.id)} fw={700} fz="lg">
              {pad.title}
            </Anchor>
            <Text c="dimmed" fz="sm">
              {t('list.by', { name: pad.ownerName })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
