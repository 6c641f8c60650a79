import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/identity/api';
import { useRestoreUser } from './useUsers';

interface UserActionsProps {
  user: PublicUser;
  onSuspend: (user: PublicUser) => void;
  onEditProfiles?: (user: PublicUser) => void;
  /** The signed-in user: nobody suspends or re-profiles themselves. */
  selfId: string;
}

/** Suspend / restore (and profiles, for the administration) buttons of one account. */
export function UserActions({ user, onSuspend, onEditProfiles, selfId }: UserActionsProps) {
  const { t } = useTranslation();
  const restore = useRestoreUser();
  if (user.id === selfId) return null;
  const label = { name: user.displayName };

  return (
    <Group gap="xs" wrap="nowrap">
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
