import { Anchor, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pendingStep } from '../../features/auth/session';
import { homePathOf } from '../../features/family/home';
import { useSession } from '../../features/auth/useSession';
import { lazyComponent } from '../lazyPage';
import { paths } from '../paths';
import classes from './Layout.module.css';
import { LanguageSwitch } from './LanguageSwitch';
import { TOUCH_TARGET_PX } from './media';
import { NAVIGATION_ID } from './MainNav';
import { notificationPaths } from '../../features/notifications/paths';
import { OptionalPart } from './OptionalPart';
import { UserBox } from './UserBox';

// The bell comes just after the first render, in a chunk of its own: the first pages' budget stays for the page.
const NotificationBell = lazyComponent(() => import('../../features/notifications/bell/NotificationBell'), 'NotificationBell');

interface AppHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
}

/** App name (a link home), the menu button (below 1024 px), the signed-in user and the language switch. */
export function AppHeader({ navOpened, onToggleNav }: AppHeaderProps) {
  const { t } = useTranslation();
  const me = useSession({ passive: true }).data?.me;

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          className={classes.burger}
          size="md"
          style={{ width: TOUCH_TARGET_PX, height: TOUCH_TARGET_PX }}
          aria-label={navOpened ? t('a11y.closeNavigation') : t('a11y.openNavigation')}
          aria-expanded={navOpened}
          aria-controls={NAVIGATION_ID}
        />
        <UnstyledButton component={Link} to={me ? homePathOf(me) : paths.home} style={{ minHeight: TOUCH_TARGET_PX, display: 'flex', alignItems: 'center' }}>
          <Group gap="xs" wrap="nowrap">
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <Text component="span" fw={800} fz="xl" c="preau.8">
              {t('app.name')}
            </Text>
          </Group>
        </UnstyledButton>
        <Text component="span" c="dimmed" fz="sm" visibleFrom="lg">
          {t('app.tagline')}
        </Text>
      </Group>
      <Group gap="md" wrap="nowrap">
        {/* The bell once the session is past its first steps (password, charter), when notifications are served. */}
        {me && !pendingStep(me) && (
          <OptionalPart
            fallback={
              <Anchor component={Link} to={notificationPaths.centre} fz="sm">
                {t('a11y.notifications')}
              </Anchor>
            }
          >
            <Suspense fallback={<span style={{ width: 44 }} />}>
              <NotificationBell />
            </Suspense>
          </OptionalPart>
        )}
        {me && <UserBox me={me} variant="header" />}
        <LanguageSwitch />
      </Group>
    </Group>
  );
}
