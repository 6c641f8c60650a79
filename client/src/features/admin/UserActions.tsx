import { Button, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountRights, PublicUser } from '../../../../shared/identity/api';
import { useFeatureT } from '../../i18n/feature';
import { adminI18n } from './i18n';
import { useRestoreUser } from './useUsers';

/** An account, with what the reader may do to it when the server said (the administration's list). */
export type ListedUser = PublicUser & { rights?: AccountRights };

interface UserActionsProps {
  user: ListedUser;
  onSuspend: (user: PublicUser) => void;
  onEditProfiles?: (user: PublicUser) => void;
  /** The signed-in user: nobody suspends or re-profiles themselves. */
  selfId: string;
  /** Where this user's activity is shown (a teacher's class roster: charter 001). */
  activityHref?: (user: PublicUser) => string;
  /** Opens the one-time sign-in code dialog, for the accounts the server's rights allow it on. */
  onSignInCode?: (user: PublicUser) => void;
  /** Opens the reset of a pupil's access (a new sign-in card, a new provisional password), from the class roster. */
  onResetAccess?: (user: ListedUser) => void;
  /** Opens « Retirer de l'école », for the accounts the server's rights allow it on. */
  onRemove?: (user: PublicUser) => void;
}

/**
 * Suspend / restore, one-time sign-in code (and profiles, for the administration) buttons of one account: only
 * those the server's rights allow.
 */
export function UserActions({ user, onSuspend, onEditProfiles, selfId, activityHref, onSignInCode, onResetAccess, onRemove }: UserActionsProps) {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const restore = useRestoreUser();
  if (user.id === selfId) return null;
  const label = { name: user.displayName };
  const suspends = user.rights?.suspend ?? true;

  return (
    <Group gap="xs">
      {activityHref && (
        <Button component={Link} to={activityHref(user)} size="compact-md" variant="default" aria-label={t('admin.actions.activityLabel', label)}>
          {t('admin.actions.activity')}
        </Button>
      )}
      {suspends && user.status === 'active' && (
        <Button size="compact-md" variant="light" color="red" onClick={() => onSuspend(user)} aria-label={t('admin.actions.suspendLabel', label)}>
          {t('admin.actions.suspend')}
        </Button>
      )}
      {suspends && user.status === 'suspended' && (
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
      {onSignInCode && user.rights?.issueSignInCode && user.status === 'active' && (
        <Button size="compact-md" variant="default" onClick={() => onSignInCode(user)} aria-label={adminT('signInCode.openLabel', label)}>
          {adminT('signInCode.open')}
        </Button>
      )}
      {onResetAccess && (user.rights?.resetCredentials || user.rights?.issueSignInCode) && user.status === 'active' && (
        <Button size="compact-md" variant="default" onClick={() => onResetAccess(user)} aria-label={adminT('access.openLabel', label)}>
          {adminT('access.open')}
        </Button>
      )}
      {onRemove && user.rights?.remove && (
        // Its name starts with what it shows (WCAG 2.5.3, label in name), then whose account it is.
        <Button size="compact-md" variant="subtle" color="red" onClick={() => onRemove(user)}>
          {adminT('remove.open')}
          <VisuallyHidden> ({user.displayName})</VisuallyHidden>
        </Button>
      )}
      {onEditProfiles && (user.rights?.changeProfiles ?? true) && (
        <Button size="compact-md" variant="default" onClick={() => onEditProfiles(user)} aria-label={t('admin.actions.profilesLabel', label)}>
          {t('admin.actions.profiles')}
        </Button>
      )}
    </Group>
  );
}
