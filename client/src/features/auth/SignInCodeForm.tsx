import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/identity/api';
import { SIGN_IN_CODE_TTL_MS } from '../../../../shared/identity/sign-in-code';
import { useFeatureT } from '../../i18n/feature';
import { SignInRefusal } from './SignInRefusal';
import { useSignInWithCode } from './useSignInWithCode';

/**
 * Identifiant + one-time code (from a teacher or the direction, when refused sign-ins keep an account locked). The
 * server signs in once with it and remembers this browser, so the password works here afterwards.
 */
export function SignInCodeForm({ onSuccess }: { onSuccess: (me: MeResponse) => void }) {
  const { t } = useTranslation();
  const { t: authT } = useFeatureT('auth');
  const signIn = useSignInWithCode();
  const [login, setLogin] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ login?: string; code?: string }>({});
  const loginRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = {
      ...(login.trim() === '' ? { login: t('auth.loginRequired') } : {}),
      ...(code.trim() === '' ? { code: authT('code.required') } : {}),
    };
    setErrors(next);
    if (next.login) return loginRef.current?.focus();
    if (next.code) return codeRef.current?.focus();
    signIn.mutate({ login: login.trim(), code: code.trim() }, { onSuccess });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby="sign-in-code-intro">
      <Stack gap="md">
        <Text id="sign-in-code-intro">{authT('code.intro')}</Text>
        {signIn.isError && <SignInRefusal error={signIn.error} invalid={authT('code.invalid', { minutes: SIGN_IN_CODE_TTL_MS / 60_000 })} />}
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
          error={errors.login}
        />
        <TextInput
          ref={codeRef}
          label={authT('code.label')}
          description={authT('code.hint')}
          name="one-time-code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={errors.code}
          styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.1em', textTransform: 'uppercase' } }}
        />
        <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
          {authT('code.submit')}
        </Button>
      </Stack>
    </form>
  );
}
