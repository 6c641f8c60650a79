import { UnstyledButton } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Suspense, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { lazyComponent } from '../../../app/lazyPage';
import { useIsPhone } from '../../../app/layout/media';
import { useFeatureT } from '../../../i18n/feature';
import { useLiveState } from '../../../lib/socket';
import { useSession } from '../../auth/useSession';
import { notificationPagesQuery } from '../api';
import { notificationPaths } from '../paths';
import { bellI18n } from './i18n';
import { useNotificationsLive } from './useNotificationsLive';
import './bell.css';

// The centre's code and words load the first time the bell is opened, never with the first pages.
const BellPanel = lazyComponent(() => import('../BellPanel'), 'BellPanel');

export const BELL_PANEL_ID = 'notifications-panel';

function BellIcon() {
  return (
    <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The bell in the header of every signed-in page, with the live unread count (« Notifications, 3 non lues »). On a
 * phone it opens the centre's page; from tablets up, the centre in a panel under the bell.
 */
export function NotificationBell() {
  const { t } = useFeatureT(bellI18n);
  const me = useSession({ passive: true }).data?.me;
  const isPhone = useIsPhone();
  const live = useLiveState();
  const { connected } = useNotificationsLive();
  // The first fetch waits for the live connection (or for its failure), so that nothing said in between is missed.
  const pages = useInfiniteQuery({ ...notificationPagesQuery, enabled: connected || live === 'closed' });
  const unread = pages.data?.pages[0]?.unread ?? 0;
  const label = unread > 0 ? t('labelUnread', { count: unread }) : t('label');
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // The panel is open on the page where it was opened: following an entry (or any link) closes it.
  const locationKey = useLocation().key;
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === locationKey;

  const badge = unread > 0 && (
    <span className="notification-bell-count" aria-hidden="true">
      {unread > 99 ? '99+' : unread}
    </span>
  );
  const common = { className: 'notification-bell', 'aria-label': label, 'data-testid': 'notification-bell', 'data-unread': unread, 'data-loaded': pages.isSuccess } as const;

  if (isPhone) {
    return (
      <UnstyledButton component={Link} to={notificationPaths.centre} {...common}>
        <BellIcon />
        {badge}
      </UnstyledButton>
    );
  }
  return (
    <div ref={wrapper} className="notification-bell-anchor">
      <UnstyledButton ref={button} {...common} aria-expanded={open} aria-controls={open ? BELL_PANEL_ID : undefined} onClick={() => setOpenOn(open ? null : locationKey)}>
        <BellIcon />
        {badge}
      </UnstyledButton>
      {open && me && (
        <Suspense fallback={null}>
          <BellPanel
            id={BELL_PANEL_ID}
            me={me}
            container={wrapper}
            onClose={(refocus: boolean) => {
              setOpenOn(null);
              if (refocus) button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
