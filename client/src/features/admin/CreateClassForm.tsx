import { Alert, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateClassSchema } from '../../../../shared/identity/schemas';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { useCreateClass } from './useClasses';

/** The school year that starts this calendar year from September, the previous one before. */
function currentSchoolYear(now = new Date()): string {
  const start = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}-${start + 1}`;
}

export function CreateClassForm() {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const create = useCreateClass();
  const [values, setValues] = useState({ name: '', level: '', schoolYear: currentSchoolYear() });
  const [errors, setErrors] = useState<FieldErrors>({});

  const field = (name: keyof typeof values) => ({
    value: values[name],
    onChange: (event: { currentTarget: HTMLInputElement }) => setValues({ ...values, [name]: event.currentTarget.value }),
    error: fieldError(errors[name]),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(CreateClassSchema, values);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.data, { onSuccess: () => setValues({ ...values, name: '', level: '' }) });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="nouvelle-classe">
      <Stack gap="md">
        <Title order={2} id="nouvelle-classe">
          {t('admin.classes.createTitle')}
        </Title>
        {create.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(create.error))}
          </Alert>
        )}
        {create.isSuccess && (
          <Alert color="green" variant="light" role="status">
            {t('admin.classes.created', { name: create.data.name })}
          </Alert>
        )}
        <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput label={t('admin.classes.name')} placeholder="CM1 A" required {...field('name')} miw={160} />
          <TextInput label={t('admin.classes.level')} placeholder="CM1" required {...field('level')} miw={140} />
          <TextInput label={t('admin.classes.schoolYear')} description={t('admin.classes.schoolYearHint')} required {...field('schoolYear')} miw={160} />
        </Group>
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.classes.submit')}
        </Button>
      </Stack>
    </form>
  );
}
