import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { QueryStatus } from '../errors/QueryStatus';
import { useAuditT } from './i18n';
import { activityPath } from './paths';
import type { AuditNames } from './useAuditNames';

/** The selected class's pupils, each a link to everything they did (charter 001: teachers see their pupils' actions). */
export function ClassPupils({ names, className }: { names: AuditNames; className: string }) {
  const { t } = useAuditT();
  const pupils = [...(names.members?.pupils ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  return (
    <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="eleves-classe" data-testid="class-pupils">
      <Stack gap="sm">
        <Title order={2} id="eleves-classe" fz="h3">
          {t('roster.title', { name: className })}
        </Title>
        <Text c="dimmed">{t('roster.intro')}</Text>
        <QueryStatus query={names.membersQuery} loadingLabel={t('roster.loading')} />
        {names.members && pupils.length === 0 && <Text c="dimmed">{t('roster.none')}</Text>}
        {pupils.length > 0 && (
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" verticalSpacing={4} p={0} m={0} style={{ listStyle: 'none' }}>
            {pupils.map((pupil) => (
              <Group component="li" key={pupil.id} data-testid={`pupil-${pupil.login}`} justify="space-between" gap="xs" py={4} pr="md">
                <Text fw={600}>{pupil.displayName}</Text>
                <Anchor component={Link} to={activityPath(pupil.id)} aria-label={t('roster.openOf', { name: pupil.displayName })}>
                  {t('roster.open')}
                </Anchor>
              </Group>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
