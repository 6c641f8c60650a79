import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFILES, USER_STATUSES, type Profile, type UserStatus } from '../../../../shared/identity/profiles';
import type { UserListParams } from './useUsers';

/** Search by name or login, filter by profile and status. Every change goes back to page 1. */
export function UserFilters({ params, onChange }: { params: UserListParams; onChange: (next: UserListParams) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(params.q);
  const search = useDebouncedCallback((value: string) => onChange({ ...params, q: value, page: 1 }), 300);

  return (
    <Group gap="sm" align="flex-end" role="search" aria-label={t('admin.users.filters')}>
      <TextInput
        type="search"
        label={t('admin.users.search')}
        placeholder={t('admin.users.searchPlaceholder')}
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          search(event.currentTarget.value);
        }}
        style={{ flex: '1 1 16rem' }}
      />
      <Select
        label={t('admin.users.profile')}
        placeholder={t('admin.users.allProfiles')}
        clearable
        data={PROFILES.map((profile) => ({ value: profile, label: t(`profiles.${profile}`) }))}
        value={params.profile}
        onChange={(value) => onChange({ ...params, profile: value as Profile | null, page: 1 })}
        style={{ flex: '1 1 11rem' }}
      />
      <Select
        label={t('admin.users.status')}
        placeholder={t('admin.users.allStatuses')}
        clearable
        data={USER_STATUSES.map((status) => ({ value: status, label: t(`admin.status.${status}`) }))}
        value={params.status}
        onChange={(value) => onChange({ ...params, status: value as UserStatus | null, page: 1 })}
        style={{ flex: '1 1 11rem' }}
      />
    </Group>
  );
}
