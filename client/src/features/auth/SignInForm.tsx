import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/identity/api';
import { SignInFields } from './SignInFields';
import { useSignIn } from './useSignIn';

/** Identifiant + mot de passe. Validation messages are ours (translated), not the browser's. */
export function SignInForm({ onSuccess }: { onSuccess: (me: MeResponse) => void }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  return (
    <SignInFields
      signIn={signIn}
      trimSecret={false}
      secretRequired={t('auth.passwordRequired')}
      submitLabel={t('auth.submit')}
      onSubmit={(login, password) => signIn.mutate({ login, password }, { onSuccess })}
      secret={(field) => <PasswordInput {...field} label={t('auth.password')} name="password" autoComplete="current-password" required />}
    />
  );
}
