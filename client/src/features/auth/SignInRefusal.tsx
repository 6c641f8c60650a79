import { Alert, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useFeatureT } from '../../i18n/feature';
import { authI18n } from './i18n';
import { signInErrorKey } from './signInErrors';

const RemovalHint = lazy(() => import('./RemovalHint'));

/** The wait of a refused sign-in, in the unit a person reads best: seconds under a minute and a half, else minutes. */
export function signInWait(retryAfterMs: number | undefined): { unit: 'seconds' | 'minutes'; count: number } | null {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return null;
  const seconds = Math.ceil(retryAfterMs / 1000);
  return seconds < 90 ? { unit: 'seconds', count: seconds } : { unit: 'minutes', count: Math.ceil(seconds / 60) };
}

/** Whether a sign-in was refused by throttling (HTTP 429), not by its credentials. */
export const isThrottled = (error: unknown): error is ApiError => error instanceof ApiError && (error.code === 'RATE_LIMITED' || error.status === 429);

/**
 * Why a sign-in failed, above the form. Throttled: how long to wait (the server's Retry-After) and that a teacher or
 * the direction can give a one-time code meanwhile; otherwise the screen's wording (`invalid`) or the generic one.
 * Neutral « vous », as the rest of the sign-in page: nobody is known yet.
 */
export function SignInRefusal({ error, invalid }: { error: unknown; invalid?: string }) {
  const { t } = useTranslation();
  const { t: authT } = useFeatureT(authI18n);
  let message: string;
  let hint: string | null = null;
  let removed: ApiError | null = null;
  if (isThrottled(error)) {
    const wait = signInWait(error.retryAfterMs);
    message = wait ? authT(`throttled.${wait.unit}`, { count: wait.count }) : authT('throttled.later');
    hint = authT('throttled.code');
  } else if (error instanceof ApiError && error.code === 'ACCOUNT_REMOVED') {
    // « Ce compte a été retiré » speaks to no one in particular: the hint below is worded for its reader.
    message = t('errors.codes.ACCOUNT_REMOVED');
    removed = error;
  } else if (invalid && error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    message = invalid;
  } else {
    message = t(signInErrorKey(error));
  }
  return (
    <Alert color="red" variant="light" title={t('auth.errorTitle')} data-testid="sign-in-error" role="alert">
      <Text>{message}</Text>
      {hint && <Text mt="xs">{hint}</Text>}
      {removed && (
        <Suspense fallback={null}>
          <RemovalHint error={removed} />
        </Suspense>
      )}
    </Alert>
  );
}
