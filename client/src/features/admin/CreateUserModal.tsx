import { Alert, Button, Checkbox, Group, Modal, MultiSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedAccount } from '../../../../shared/identity/api';
import type { Profile } from '../../../../shared/identity/profiles';
import { CreateUserSchema } from '../../../../shared/identity/schemas';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { CreatedAccountCard } from './CreatedAccountCard';
import { useClassList } from './useClasses';
import { useCreateUser } from './useUsers';

/**
 * Creates one account; its generated password is shown once, with its connection sheet. Only the profiles the
 * reader may give (`grants`, from the server) are offered.
 */
export function CreateUserModal({ opened, grants, onClose }: { opened: boolean; grants: readonly Profile[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('admin.create.title')} size="lg">
      {created ? <CreatedAccountCard account={created} onDone={close} /> : <CreateUserForm grants={grants} onCreated={setCreated} onCancel={close} />}
    </Modal>
  );
}

function CreateUserForm({ grants, onCreated, onCancel }: { grants: readonly Profile[]; onCreated: (account: CreatedAccount) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const create = useCreateUser();
  const classes = useClassList();
  const [values, setValues] = useState({ displayName: '', login: '', profiles: [] as string[], classIds: [] as string[] });
  const [errors, setErrors] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { login, ...rest } = values;
    const result = validate(CreateUserSchema, { ...rest, ...(login.trim() ? { login } : {}) });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.data, { onSuccess: onCreated });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {create.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(create.error))}
          </Alert>
        )}
        <TextInput
          label={t('admin.create.displayName')}
          required
          value={values.displayName}
          onChange={(event) => setValues({ ...values, displayName: event.currentTarget.value })}
          error={fieldError(errors.displayName)}
          data-autofocus
        />
        <TextInput
          label={t('admin.create.login')}
          description={t('admin.create.loginHint')}
          autoCapitalize="none"
          spellCheck={false}
          value={values.login}
          onChange={(event) => setValues({ ...values, login: event.currentTarget.value })}
          error={fieldError(errors.login)}
        />
        <Checkbox.Group
          label={t('admin.users.profiles')}
          required
          value={values.profiles}
          onChange={(profiles) => setValues({ ...values, profiles })}
          error={fieldError(errors.profiles)}
        >
          <SimpleGrid cols={{ base: 2, xs: 3 }} mt="xs">
            {grants.map((profile) => (
              <Checkbox key={profile} value={profile} label={t(`profiles.${profile}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <MultiSelect
          label={t('admin.create.classes')}
          description={t('admin.create.classesHint')}
          data={(classes.data ?? []).map((item) => ({ value: item.id, label: `${item.name} (${item.schoolYear})` }))}
          disabled={classes.isPending}
          value={values.classIds}
          onChange={(classIds) => setValues({ ...values, classIds })}
          searchable
          clearable
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('admin.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
