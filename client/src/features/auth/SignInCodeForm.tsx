import { TextInput } from '@mantine/core';
import type { MeResponse } from '../../../../shared/identity/api';
import { SIGN_IN_CODE_TTL_MS } from '../../../../shared/identity/sign-in-code';
import { useFeatureT } from '../../i18n/feature';
import { authI18n } from './i18n';
import { SignInFields } from './SignInFields';
import { useSignInWithCode } from './useSignIn';

/**
 * Identifiant + one-time code (from a teacher or the direction, when refused sign-ins keep an account locked). The
 * server signs in once with it and remembers this browser, so the password works here afterwards.
 */
export function SignInCodeForm({ onSuccess }: { onSuccess: (me: MeResponse) => void }) {
  const { t: authT } = useFeatureT(authI18n);
  const signIn = useSignInWithCode();
  return (
    <SignInFields
      signIn={signIn}
      invalid={authT('code.invalid', { minutes: SIGN_IN_CODE_TTL_MS / 60_000 })}
      intro={{ id: 'sign-in-code-intro', text: authT('code.intro') }}
      trimSecret
      secretRequired={authT('code.required')}
      submitLabel={authT('code.submit')}
      onSubmit={(login, code) => signIn.mutate({ login, code }, { onSuccess })}
      secret={(field) => (
        <TextInput
          {...field}
          label={authT('code.label')}
          description={authT('code.hint')}
          name="one-time-code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.1em', textTransform: 'uppercase' } }}
        />
      )}
    />
  );
}
