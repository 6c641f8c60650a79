import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/identity/api';
import { SignInRefusal } from './SignInRefusal';
import { useSignIn } from './useSignIn';

interface FieldErrors {
  login?: 'auth.loginRequired';
  password?: 'auth.passwordRequired';
}

/** Identifiant + mot de passe. Validation messages are ours (translated), not the browser's. */
export function SignInForm({ onSuccess }: { onSuccess: (me: MeResponse) => void }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {
      ...(login.trim() === '' ? { login: 'auth.loginRequired' as const } : {}),
      ...(password === '' ? { password: 'auth.passwordRequired' as const } : {}),
    };
    setFieldErrors(errors);
    if (errors.login) return loginRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    signIn.mutate({ login: login.trim(), password }, { onSuccess });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {signIn.isError && <SignInRefusal error={signIn.error} />}
        <TextInput
          ref={loginRef}
          label={t('auth.login')}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={login}
          onChange={(event) => setLogin(event.currentTarget.value)}
          error={fieldErrors.login && t(fieldErrors.login)}
        />
        <PasswordInput
          ref={passwordRef}
          label={t('auth.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password && t(fieldErrors.password)}
        />
        <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
          {t('auth.submit')}
        </Button>
      </Stack>
    </form>
  );
}
