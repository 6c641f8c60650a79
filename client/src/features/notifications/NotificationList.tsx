import { Alert, Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMarkAllRead, useMarkRead } from './actions';
import { notificationPagesQuery } from './api';
import { allNotifications } from './localCache';
import { dayName, formatDay, formatTime, groupByDay } from './days';
import { useNotificationsT } from './i18n';
import { NotificationEntry } from './NotificationEntry';
import { notificationPaths } from './paths';
import './notifications.css';

/** Loads the next page when this element comes into view (and a button does the same for whoever prefers it). */
function useLoadMoreWhenSeen(load: () => void, active: boolean) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !active || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && load(), { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [load, active]);
  return sentinel;
}

/**
 * The centre's list: my notifications grouped by Paris day (« Aujourd'hui », « Hier », « lundi 30 novembre »),
 * newest first, more as one scrolls, unread marked, mark read and all read. In the page and in the bell's panel.
 */
export function NotificationList({ variant }: { variant: 'page' | 'panel' }) {
  const { t, tt, language } = useNotificationsT();
  const pages = useInfiniteQuery(notificationPagesQuery);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const [now] = useState(() => Date.now());
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = pages;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const sentinel = useLoadMoreWhenSeen(loadMore, Boolean(hasNextPage) && !isFetchingNextPage);

  const first = pages.data?.pages[0];
  const unread = first?.unread ?? 0;
  const list = allNotifications(pages.data);
  const groups = groupByDay(list);
  const failed = markRead.isError || markAll.isError;
  const heading = variant === 'page' ? 1 : 2;

  return (
    <Stack gap="sm" className={`notification-list notification-list-${variant}`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Title order={heading} fz={variant === 'panel' ? 'lg' : undefined}>
          {t('title')}
        </Title>
        <Group gap="xs">
          {unread > 0 && (
            <Button size="compact-sm" variant="light" onClick={() => markAll.mutate()} data-testid="notification-mark-all">
              {t('markAllRead')}
            </Button>
          )}
          <Anchor component={Link} to={notificationPaths.preferences} fz="sm">
            {t('preferences')}
          </Anchor>
        </Group>
      </Group>
      {first?.quietUntil && (
        <Alert variant="light" color="blue" py="xs" data-testid="notification-quiet">
          {tt('quietUntil', { time: formatTime(first.quietUntil, language) })}
        </Alert>
      )}
      {failed && (
        <Alert variant="light" color="red" py="xs" role="alert">
          {tt('actionFailed')}
        </Alert>
      )}
      {pages.isPending && (
        <Center py="md" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text ml="sm">{t('loading')}</Text>
        </Center>
      )}
      {pages.isError && !pages.data && (
        <Alert variant="light" color="red" role="alert">
          <Text mb="xs">{t('failed')}</Text>
          <Button size="compact-sm" variant="white" color="red" onClick={() => void pages.refetch()}>
            {t('retry')}
          </Button>
        </Alert>
      )}
      {pages.data && list.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
      {groups.map((group) => {
        const name = dayName(group.day, now);
        return (
          <section key={group.day} aria-label={name === 'other' ? formatDay(group.day, now, language) : t(name)}>
            <Title order={heading + 1 as 2 | 3} fz="sm" c="dimmed" tt="uppercase" mb={4}>
              {name === 'other' ? formatDay(group.day, now, language) : t(name)}
            </Title>
            <ul className="notification-day">
              {group.items.map((notification) => (
                <NotificationEntry key={notification.id} notification={notification} onRead={(id) => markRead.mutate(id)} />
              ))}
            </ul>
          </section>
        );
      })}
      <div ref={sentinel} />
      {hasNextPage && (
        <Button variant="subtle" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} w="fit-content">
          {t('more')}
        </Button>
      )}
      {pages.data && !hasNextPage && list.length > 0 && variant === 'page' && (
        <Text c="dimmed" fz="sm">
          {tt('end')}
        </Text>
      )}
      {variant === 'panel' && (
        <Anchor component={Link} to={notificationPaths.centre} fz="sm">
          {t('seeAll')}
        </Anchor>
      )}
    </Stack>
  );
}
