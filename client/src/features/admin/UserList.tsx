import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/identity/api';
import { useIsPhone } from '../../app/layout/media';
import { StatusBadge } from './StatusBadge';
import { UserActions, type ListedUser } from './UserActions';

interface UserListProps {
  users: ListedUser[];
  selfId: string;
  onSuspend: (user: PublicUser) => void;
  onRemove?: (user: PublicUser) => void;
  /** Given on the administration's list: a "Profils" button and a profiles column. */
  onEditProfiles?: (user: PublicUser) => void;
  /** Given on a class roster: a "Voir l'activité" link per pupil. */
  activityHref?: (user: PublicUser) => string;
  /** Given where one-time sign-in codes may be issued (the server's rights decide for whom). */
  onSignInCode?: (user: PublicUser) => void;
  /** Opens the reset of a pupil's access (new card or provisional password), for the accounts the rights allow it on. */
  onResetAccess?: (user: ListedUser) => void;
}

function ProfileBadges({ user }: { user: PublicUser }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {user.profiles.map((profile) => (
        <Badge key={profile} variant="light" color="gray" tt="none">
          {t(`profiles.${profile}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** Accounts as a table from tablets up, as a list of cards on phones (nothing hidden in a side scroll). */
export function UserList({ users, selfId, onSuspend, onEditProfiles, activityHref, onSignInCode, onResetAccess, onRemove }: UserListProps) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const withProfiles = onEditProfiles !== undefined;
  if (users.length === 0) return <Text c="dimmed">{t('admin.users.none')}</Text>;
  const actions = (user: ListedUser) => <UserActions user={user} selfId={selfId} onSuspend={onSuspend} {...(onEditProfiles ? { onEditProfiles } : {})} {...(activityHref ? { activityHref } : {})} {...(onSignInCode ? { onSignInCode } : {})} {...(onResetAccess ? { onResetAccess } : {})} {...(onRemove ? { onRemove } : {})} />;

  if (isPhone) {
    return (
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="user-list">
        {users.map((user) => (
          <Paper component="li" key={user.id} withBorder radius="md" p="sm" data-testid={`user-${user.login}`}>
            <Text fw={700}>{user.displayName}</Text>
            <Text c="dimmed" fz="sm" mb="xs">
              {user.login}
            </Text>
            <Group gap={4} mb="sm">
              {withProfiles && <ProfileBadges user={user} />}
              <StatusBadge status={user.status} />
            </Group>
            {actions(user)}
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table verticalSpacing="sm" striped highlightOnHover data-testid="user-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('admin.users.name')}</Table.Th>
          {withProfiles && <Table.Th scope="col">{t('admin.users.profiles')}</Table.Th>}
          <Table.Th scope="col">{t('admin.users.status')}</Table.Th>
          <Table.Th scope="col">{t('admin.users.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {users.map((user) => (
          <Table.Tr key={user.id} data-testid={`user-${user.login}`}>
            <Table.Th scope="row" fw={600}>
              {user.displayName}
              <Text c="dimmed" fz="sm" fw={400}>
                {user.login}
              </Text>
            </Table.Th>
            {withProfiles && (
              <Table.Td>
                <ProfileBadges user={user} />
              </Table.Td>
            )}
            <Table.Td>
              <StatusBadge status={user.status} />
            </Table.Td>
            <Table.Td>{actions(user)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
