import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { Link } from 'react-router';
import { lazyComponent } from '../../app/lazyPage';
import { paths } from '../../app/paths';
import { FeatureIcon, SPACE_KIND_ICON } from '../home/FeatureIcon';
import type { ClassSummary } from '../../../../shared/identity/api';
import { useFeatureT } from '../../i18n/feature';
import { spacesI18n } from './i18n';
import { rightsOf } from './rights';
import { spacePath } from './spacePath';
import { useSpaces } from './useSpaces';

// Only those who run classes create spaces: pupils and parents never load the form (its kinds list, its select).
const CreateSpaceForm = lazyComponent(() => import('./CreateSpaceForm'), 'CreateSpaceForm');
// The bin (« Corbeille ») is theirs too, loaded with its words only for them.
const SpaceBin = lazyComponent(() => import('./lifecycle/SpaceBin'), 'SpaceBin');

/**
 * *Mes espaces*: every wall, pad, forum and chat the user may open, with a mark on those they moderate without
 * running them (a pupil moderator); those who run classes create new spaces for them here.
 */
export function SpacesSection({ classes, creatableClasses, onlyClassId = null }: { classes: ClassSummary[]; creatableClasses: ClassSummary[]; onlyClassId?: string | null }) {
  const { t } = useFeatureT(spacesI18n);
  const spaces = useSpaces();
  const className = (id: string) => classes.find((item) => item.id === id)?.name;
  // Opened from a class's card: that class's spaces only, with the way back to all of them.
  const onlyClass = onlyClassId ? className(onlyClassId) : undefined;
  const shown = onlyClass ? spaces.data?.filter((space) => space.scope.kind === 'class' && space.scope.classId === onlyClassId) : spaces.data;

  return (
    <Paper component="section" aria-labelledby="mes-espaces" radius="lg" p={{ base: 'lg', sm: 'xl' }} withBorder>
      <Stack gap="md">
        <Title order={2} id="mes-espaces" tabIndex={-1}>
          {onlyClass ? t('onlyClass', { name: onlyClass }) : t('title')}
        </Title>
        {onlyClass && (
          <Anchor component={Link} to={paths.dashboard} data-testid="spaces-all">
            {t('allClasses')}
          </Anchor>
        )}
        {creatableClasses.length > 0 && (
          <Suspense fallback={null}>
            <CreateSpaceForm classes={creatableClasses} />
            <SpaceBin />
          </Suspense>
        )}
        {spaces.isPending && <Text role="status">{t('loading')}</Text>}
        {spaces.isError && <Text c="red.8" role="alert">{t('failed')}</Text>}
        {shown?.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
        {shown && shown.length > 0 && (
          <SimpleGrid component="ul" cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
            {shown.map((space) => (
              <Card component="li" key={space.id} withBorder radius="md" padding="md" data-testid="space-card">
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Anchor component={Link} to={spacePath(space.kind, space.id)} fw={700} fz="lg" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {space.title}
                  </Anchor>
                  {/* The kind in full (never « DISCU… »), with its icon: the badge keeps its width, the title wraps. */}
                  <Badge
                    variant="light"
                    leftSection={<FeatureIcon name={SPACE_KIND_ICON[space.kind]} size={14} />}
                    style={{ flexShrink: 0, overflow: 'visible' }}
                    styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
                    data-testid="space-kind"
                  >
                    {t(`kinds.${space.kind}`)}
                  </Badge>
                </Group>
                {rightsOf(space).moderate && !rightsOf(space).configure && (
                  <Badge color="grape" variant="light" mt={4} data-testid="space-moderating">
                    {t('moderating')}
                  </Badge>
                )}
                <Text c="dimmed" fz="sm">
                  {space.scope.kind === 'class' ? (className(space.scope.classId) ?? t('scope.class')) : space.scope.kind === 'group' ? t('scope.group') : t('scope.school')}
                  {' · '}
                  {t('by', { name: space.ownerName })}
                  {space.locked ? ` · ${t('locked')}` : ''}
                  {space.archived ? ` · ${t('archived')}` : ''}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
