import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import type { ClassWeekFeed } from '../../../../shared/family/types';
import { classRosterPath } from '../../app/paths';
import { activityPath } from '../audit/paths';
import { QueryStatus } from '../errors/QueryStatus';
import { useClassWeeks } from './api';
import { useFamilyT } from './i18n';
import { WeekList } from './WeekList';

/** Each pupil's contributions that week, each linking to the pupil's activity page. */
function PupilCounts({ week }: { week: ClassWeekFeed }) {
  const { t } = useFamilyT();
  return (
    <Paper withBorder radius="md" p="sm" mb="md" component="section" aria-labelledby={`eleves-${week.weekStart}`}>
      <Title order={3} id={`eleves-${week.weekStart}`} fz="h4" mb="xs">
        {t('classWeek.pupils')}
      </Title>
      <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {week.pupils.map((pupil) => (
          <li key={pupil.id} data-testid="pupil-count">
            <Anchor
              component={Link}
              to={activityPath(pupil.id)}
              fz="sm"
              fw={pupil.count > 0 ? 600 : 400}
              c={pupil.count > 0 ? undefined : 'gray.7'}
            >
              {pupil.displayName} · {t('classWeek.pupilCount', { count: pupil.count })}
            </Anchor>
          </li>
        ))}
      </Group>
    </Paper>
  );
}

/** « Cette semaine en CE2 »: the class's week for its teachers and the director, with each pupil's count. */
export function ClassWeekPage() {
  const { t } = useFamilyT();
  const { classId = '' } = useParams();
  const weeks = useClassWeeks(classId);
  const pages = weeks.data?.pages ?? [];
  const name = pages[0]?.class.name;

  return (
    <Stack gap="lg" maw={960} w="100%">
      <title>{name ? t('classWeek.pageTitle', { name }) : t('classWeek.titleLoading')}</title>
      <Anchor component={Link} to={classRosterPath(classId)}>
        {t('classWeek.back')}
      </Anchor>
      <div>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {name ? t('classWeek.title', { name }) : t('classWeek.titleLoading')}
        </Title>
        <Text c="dimmed">{t('classWeek.intro')}</Text>
      </div>
      <QueryStatus query={weeks} loadingLabel={t('week.loading')} />
      {pages.length > 0 && (
        <WeekList
          id={`classe-${classId}`}
          weeks={pages}
          hasEarlier={weeks.hasNextPage}
          loadingEarlier={weeks.isFetchingNextPage}
          loadEarlier={() => void weeks.fetchNextPage()}
          header={(week) => <PupilCounts week={week} />}
        />
      )}
    </Stack>
  );
}
