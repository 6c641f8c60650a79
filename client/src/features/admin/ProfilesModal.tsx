import { Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/identity/api';
import { PROFILES, type Profile } from '../../../../shared/identity/profiles';
import { useFeatureT } from '../../i18n/feature';
import { adminI18n } from './i18n';
import { UpdateProfilesSchema } from '../../../../shared/identity/schemas';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { useUpdateProfiles } from './useUsers';

/**
 * Changes an account's profiles; the server closes its live connections if a right was removed. Only the profiles
 * the reader may give or take back (`grants`, from the server) can be ticked or unticked.
 */
export function ProfilesModal({ user, grants, onClose }: { user: PublicUser | null; grants: readonly Profile[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={t('admin.profiles.title', { name: user?.displayName ?? '' })}>
      {user && <ProfilesForm key={user.id} user={user} grants={grants} onDone={onClose} />}
    </Modal>
  );
}

function ProfilesForm({ user, grants, onDone }: { user: PublicUser; grants: readonly Profile[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const locked = PROFILES.filter((profile) => !grants.includes(profile));
  const fieldError = useFieldError();
  const update = useUpdateProfiles();
  const [profiles, setProfiles] = useState<string[]>(user.profiles);
  const [errors, setErrors] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(UpdateProfilesSchema, { profiles });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) update.mutate({ userId: user.id, profiles: result.data.profiles }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {update.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(update.error))}
          </Alert>
        )}
        <Checkbox.Group label={t('admin.users.profiles')} value={profiles} onChange={setProfiles} error={fieldError(errors.profiles)}>
          <SimpleGrid cols={2} mt="xs">
            {PROFILES.map((profile) => (
              <Checkbox key={profile} value={profile} label={t(`profiles.${profile}`)} disabled={locked.includes(profile)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {locked.length > 0 && (
          <Text c="dimmed" fz="sm">
            {adminT('profiles.directionOnly', { count: locked.length, profiles: locked.map((profile) => t(`profiles.${profile}`)).join(', ') })}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
