import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicUser } from '../../../../shared/identity/api';
import { useRestoreUser } from './useUsers';

interface UserActionsProps {
  user: PublicUser;
  onSuspend: (user: PublicUser) => void;
  onEditProfiles?: (user: PublicUser) => void;
  /** The signed-in user: nobody suspends or re-profiles themselves. */
  selfId: string;
  /** Where this user's activity is shown (a teacher's class roster: charter 001). */
  activityHref?: (user: PublicUser) => string;
}

/** Suspend / restore (and profiles, for the administration) buttons of one account. */
export function UserActions({ user, onSuspend, onEditProfiles, selfId, activityHref }: UserActionsProps) {
  const { t } = useTranslation();
  const restore = useRestoreUser();
  if (user.id === selfId) return null;
  const label = { name: user.displayName };

  return (
    <Group gap="xs" wrap="nowrap">
      {activityHref && (
        <Button component={Link} to={activityHref(user)} size="compact-md" variant="default" aria-label={t('admin.actions.activityLabel', label)}>
          {t('admin.actions.activity')}
        </Button>
      )}
      {user.status === 'active' && (
        <Button size="compact-md" variant="light" color="red" onClick={() => onSuspend(user)} aria-label={t('admin.actions.suspendLabel', label)}>
          {t('admin.actions.suspend')}
        </Button>
      )}
      {user.status === 'suspended' && (
        <Button
          size="compact-md"
          variant="light"
          color="green"
          loading={restore.isPending}
          onClick={() => restore.mutate({ userId: user.id })}
          aria-label={t('admin.actions.restoreLabel', label)}
        >
          {t('admin.actions.restore')}
        </Button>
      )}
      {onEditProfiles && (
        <Button size="compact-md" variant="default" onClick={() => onEditProfiles(user)} aria-label={t('admin.actions.profilesLabel', label)}>
          {t('admin.actions.profiles')}
        </Button>
      )}
    </Group>
  );
}
