import { Button, Group, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/identity/api';
import { isForbidden, QueryStatus } from '../errors/QueryStatus';
import { useMe } from '../auth/useSession';
import { CreateUserModal } from './CreateUserModal';
import { ProfilesModal } from './ProfilesModal';
import { SignInCodeModal } from './SignInCodeModal';
import { SuspendModal } from './SuspendModal';
import { RemoveModal } from './RemoveModal';
import { UserFilters } from './UserFilters';
import { UserList } from './UserList';
import { USERS_PAGE_SIZE, useUserList, type UserListParams } from './useUsers';

/** The school's accounts: search, create, suspend / restore, change profiles, one-time sign-in codes (direction). */
export function AdminUsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useState<UserListParams>({ q: '', profile: null, status: null, page: 1 });
  const users = useUserList(params);
  const [creating, setCreating] = useState(false);
  const [suspending, setSuspending] = useState<PublicUser | null>(null);
  const [editing, setEditing] = useState<PublicUser | null>(null);
  const [coding, setCoding] = useState<PublicUser | null>(null);
  const [removing, setRemoving] = useState<PublicUser | null>(null);
  const forbidden = users.isError && isForbidden(users.error);
  const pages = users.data ? Math.max(1, Math.ceil(users.data.total / USERS_PAGE_SIZE)) : 1;
  // What the reader may give or take back, from the server (only the direction grants the director profile).
  const grants = users.data?.grants ?? [];

  return (
    <Stack gap="lg" maw={1100}>
      <title>{t('admin.users.pageTitle')}</title>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('admin.users.title')}</Title>
        {!forbidden && (
          <Button onClick={() => setCreating(true)} disabled={grants.length === 0}>
            {t('admin.create.open')}
          </Button>
        )}
      </Group>
      {forbidden ? (
        <QueryStatus query={users} loadingLabel="" />
      ) : (
        <>
          <UserFilters params={params} onChange={setParams} />
          <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} aria-busy={users.isFetching}>
            <QueryStatus query={users} loadingLabel={t('admin.users.loading')} />
            {users.data && (
              <Stack gap="md">
                <Text c="dimmed" aria-live="polite">
                  {t('admin.users.total', { n: users.data.total })}
                </Text>
                <UserList users={users.data.items} selfId={me.user.id} onSuspend={setSuspending} onEditProfiles={setEditing} onSignInCode={setCoding} onRemove={setRemoving} />
                {pages > 1 && (
                  <Pagination
                    total={pages}
                    value={params.page}
                    onChange={(page) => setParams({ ...params, page })}
                    getControlProps={(control) => ({ 'aria-label': t(`admin.pagination.${control}`) })}
                    getItemProps={(page) => ({ 'aria-label': t('admin.pagination.page', { n: page }) })}
                  />
                )}
              </Stack>
            )}
          </Paper>
        </>
      )}
      <CreateUserModal opened={creating} grants={grants} onClose={() => setCreating(false)} />
      <SuspendModal user={suspending} onClose={() => setSuspending(null)} />
      <ProfilesModal user={editing} grants={grants} onClose={() => setEditing(null)} />
      <SignInCodeModal user={coding} onClose={() => setCoding(null)} />
      <RemoveModal user={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
