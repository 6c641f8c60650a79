import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/limits';
import { ChangePasswordSchema } from '../../../../shared/identity/schemas';
import { ApiError } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { useChangePassword } from './useChangePassword';

type PasswordKeys = 'password.mustDiffer' | 'password.mismatch' | 'password.wrongCurrent';

/** Current password, new password twice; validated with the shared schema before it is sent. */
export function ChangePasswordForm({ onSuccess, submitLabel }: { onSuccess: () => void; submitLabel: string }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const change = useChangePassword();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors<PasswordKeys>>({});

  const set = (field: keyof typeof values) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value;
    setValues((previous) => ({ ...previous, [field]: value }));
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { confirm, ...body } = values;
    const result = validate(ChangePasswordSchema, body, { newPassword: 'password.mustDiffer' as const });
    const next: FieldErrors<PasswordKeys> = result.ok ? {} : { ...result.errors };
    if (!next.confirm && confirm !== values.newPassword) next.confirm = { key: 'password.mismatch' };
    setErrors(next);
    if (!result.ok || next.confirm) return;
    change.mutate(result.data, {
      onSuccess: () => {
        setValues({ currentPassword: '', newPassword: '', confirm: '' });
        onSuccess();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.issues.some((issue) => issue.path === 'currentPassword')) {
          setErrors({ currentPassword: { key: 'password.wrongCurrent' } });
        }
      },
    });
  }

  const wrongCurrent = errors.currentPassword?.key === 'password.wrongCurrent';
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {change.isError && !wrongCurrent && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(change.error))}
          </Alert>
        )}
        <PasswordInput
          label={t('password.current')}
          name="currentPassword"
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={fieldError(errors.currentPassword)}
        />
        <PasswordInput
          label={t('password.new')}
          description={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
          name="newPassword"
          autoComplete="new-password"
          required
          value={values.newPassword}
          onChange={set('newPassword')}
          error={fieldError(errors.newPassword)}
        />
        <PasswordInput
          label={t('password.confirm')}
          name="confirm"
          autoComplete="new-password"
          required
          value={values.confirm}
          onChange={set('confirm')}
          error={fieldError(errors.confirm)}
        />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
