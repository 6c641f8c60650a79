import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type ChangeEvent, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInRefusal } from './SignInRefusal';

/** What the form hands its secret field (password or one-time code). */
export interface SecretFieldProps {
  ref: RefObject<HTMLInputElement | null>;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}

interface SignInFieldsProps {
  /** The sign-in mutation: its refusal is shown above the fields, its pending state on the button. */
  signIn: { isError: boolean; error: unknown; isPending: boolean };
  /** This screen's wording for refused credentials (SignInRefusal's generic one otherwise). */
  invalid?: string;
  /** A paragraph above the fields, which the form is described by. */
  intro?: { id: string; text: string };
  /** The secret field, rendered with the form's state. */
  secret: (field: SecretFieldProps) => ReactNode;
  /** Whether the secret is read trimmed (a code) or as typed (a password). */
  trimSecret: boolean;
  secretRequired: string;
  submitLabel: string;
  /** Called with the trimmed identifier and the secret once both are filled. */
  onSubmit: (login: string, secret: string) => void;
}

/**
 * The parts the sign-in forms share: the refusal, the identifier, a secret field, the submit button, and our own
 * (translated) validation messages instead of the browser's, focusing the first empty field.
 */
export function SignInFields({ signIn, invalid, intro, secret, trimSecret, secretRequired, submitLabel, onSubmit }: SignInFieldsProps) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [secretValue, setSecretValue] = useState('');
  const [missing, setMissing] = useState<{ login?: boolean; secret?: boolean }>({});
  const loginRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typedSecret = trimSecret ? secretValue.trim() : secretValue;
    const next = { login: login.trim() === '', secret: typedSecret === '' };
    setMissing(next);
    if (next.login) return loginRef.current?.focus();
    if (next.secret) return secretRef.current?.focus();
    onSubmit(login.trim(), typedSecret);
  }

  return (
    <form onSubmit={submit} noValidate aria-describedby={intro?.id}>
      <Stack gap="md">
        {intro && <Text id={intro.id}>{intro.text}</Text>}
        {signIn.isError && <SignInRefusal error={signIn.error} invalid={invalid} />}
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
          error={missing.login ? t('auth.loginRequired') : undefined}
        />
        {secret({
          ref: secretRef,
          value: secretValue,
          onChange: (event) => setSecretValue(event.currentTarget.value),
          error: missing.secret ? secretRequired : undefined,
        })}
        <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
