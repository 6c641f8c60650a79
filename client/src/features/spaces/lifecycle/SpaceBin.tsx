import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { SPACE_BIN_RETENTION_DAYS } from '../../../../../shared/spaces/limits';
import { touchTarget } from '../../../app/layout/media';
import { useFeatureT } from '../../../i18n/feature';
import { formatDate } from '../../../lib/format';
import { useBin, useRestoreSpace } from './api';
import { lifecycleI18n } from './i18n';

const DAY_MS = 86_400_000;

/**
 * « Corbeille »: the deleted spaces this teacher may configure (the server filters them), each restorable until
 * it is erased for good, `SPACE_BIN_RETENTION_DAYS` after its deletion. Shown only when it holds something.
 */
export function SpaceBin() {
  const { t, language } = useFeatureT(lifecycleI18n);
  const bin = useBin();
  const restore = useRestoreSpace();
  if (!bin.data || bin.data.length === 0) return null;

  return (
    <Paper component="section" aria-labelledby="corbeille" radius="md" p="md" withBorder data-testid="space-bin">
      <Stack gap="xs">
        <Title order={3} id="corbeille">
          {t('bin.title')}
        </Title>
        <Text fz="sm" c="dimmed">
          {t('bin.help', { days: SPACE_BIN_RETENTION_DAYS })}
        </Text>
        {restore.isError && (
          <Alert color="red" variant="light" role="alert">
            {t('bin.failed')}
          </Alert>
        )}
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {bin.data.map((space) => (
            <Group component="li" key={space.id} justify="space-between" gap="xs" data-testid="space-bin-item">
              <div>
                <Text fw={600}>{space.title}</Text>
                {space.deletedAt !== null && (
                  <Text fz="xs" c="dimmed">
                    {t('bin.until', { date: formatDate(space.deletedAt + SPACE_BIN_RETENTION_DAYS * DAY_MS, language) })}
                  </Text>
                )}
              </div>
              <Button size="compact-sm" variant="light" loading={restore.isPending && restore.variables === space.id} onClick={() => restore.mutate(space.id)} style={touchTarget}>
                {t('bin.restore')}
              </Button>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
