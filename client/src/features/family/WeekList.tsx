import { Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { FAMILY_TIME_ZONE } from '../../../../shared/family/limits';
import type { WeekFeed } from '../../../../shared/family/types';
import { spacePath } from '../spaces/spacePath';
import { FeedEntryItem } from './FeedEntryItem';
import { useFamilyT } from './i18n';

interface WeekListProps<T extends WeekFeed> {
  /** An id prefix for the headings (one list per tab). */
  id: string;
  weeks: readonly T[];
  hasEarlier: boolean;
  loadingEarlier: boolean;
  loadEarlier: () => void;
  /** Shown under a week's heading, before its entries (the class's per-pupil counts). */
  header?: (week: T, index: number) => ReactNode;
}

/**
 * Weeks, the current one first (« Cette semaine »), then earlier ones as one scrolls: the next week is asked for when
 * the end of the list comes into view, and a button does the same for whoever prefers it (or has no scrolling).
 */
export function WeekList<T extends WeekFeed>({ id, weeks, hasEarlier, loadingEarlier, loadEarlier, header }: WeekListProps<T>) {
  const { t, language } = useFamilyT();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = end.current;
    if (!target || !hasEarlier || loadingEarlier || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting)) loadEarlier();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasEarlier, loadingEarlier, loadEarlier]);
  const weekDate = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: FAMILY_TIME_ZONE });

  return (
    <Stack gap="xl">
      {weeks.map((week, index) => {
        const headingId = `${id}-semaine-${week.weekStart}`;
        return (
          <section key={week.weekStart} aria-labelledby={headingId} data-testid="week">
            <Title order={2} id={headingId} mb="sm" fz={{ base: 'h3', sm: 'h2' }}>
              {index === 0 ? t('week.thisWeek') : t('week.weekOf', { date: weekDate.format(week.weekStart) })}
            </Title>
            {header?.(week, index)}
            {week.spaces.length > 0 && (
              <Group gap="xs" mb="sm" component="ul" aria-label={t('week.spaces')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {week.spaces.map(({ space, count }) => (
                  <li key={space.id}>
                    <Anchor component={Link} to={spacePath(space.kind, space.id)} fz="sm">
                      {space.title} · {t('week.spaceCount', { count })}
                    </Anchor>
                  </li>
                ))}
              </Group>
            )}
            {week.entries.length === 0 ? (
              <Text c="dimmed">{index === 0 ? t('week.empty') : t('week.emptyEarlier')}</Text>
            ) : (
              <Stack component="ul" gap="sm" aria-label={t('week.entries')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {week.entries.map((entry) => (
                  <FeedEntryItem key={`${entry.kind}:${entry.itemId}:${entry.authorId ?? ''}`} entry={entry} />
                ))}
              </Stack>
            )}
            {week.truncated && (
              <Text fz="sm" c="dimmed" mt="xs">
                {t('week.truncated')}
              </Text>
            )}
          </section>
        );
      })}
      <div ref={end} />
      {loadingEarlier && (
        <Center role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text ml="sm">{t('week.loadingEarlier')}</Text>
        </Center>
      )}
      {hasEarlier && !loadingEarlier && (
        <Button variant="light" onClick={loadEarlier} style={{ alignSelf: 'center' }}>
          {t('week.earlier')}
        </Button>
      )}
      {!hasEarlier && weeks.length > 0 && (
        <Text c="dimmed" ta="center">
          {t('week.end')}
        </Text>
      )}
    </Stack>
  );
}
