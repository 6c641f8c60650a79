import { Alert, Anchor, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SIGN_IN_CARD_PATH, SignInCardSchema } from '../../../../shared/identity/sign-in-card';
import { paths } from '../../app/paths';
import { useFeatureT } from '../../i18n/feature';
import { ApiError } from '../../lib/api';
import { authI18n } from './i18n';
import { landingPath } from './session';
import { useSignInWithCard } from './useSignIn';

/**
 * The page a class sign-in card's QR code opens (`/carte#<token>`): the pupil is signed in at once, with no tap
 * and nothing to type, then goes on to the charter (first time) or home. The token leaves the address bar before
 * anything else, so a shared tablet's history keeps no card.
 */
export function CardSignInPage() {
  const { t } = useTranslation();
  const { t: authT } = useFeatureT(authI18n);
  const navigate = useNavigate();
  const signIn = useSignInWithCard();
  const [token] = useState(() => window.location.hash.slice(1));
  const valid = SignInCardSchema.safeParse({ token }).success;
  const started = useRef(false);

  useEffect(() => {
    window.history.replaceState(window.history.state, '', SIGN_IN_CARD_PATH);
    if (started.current || !valid) return;
    started.current = true;
    signIn.mutate({ token }, { onSuccess: (me) => void navigate(landingPath(me), { replace: true }) });
  }, [navigate, signIn, token, valid]);

  const refused = !valid || signIn.isError;
  const throttled = signIn.error instanceof ApiError && signIn.error.status === 429;
  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={460} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <title>{authT('card.pageTitle')}</title>
      <Title order={1} mb="md">
        {authT('card.title')}
      </Title>
      {refused ? (
        <Stack gap="md">
          <Alert color="orange" variant="light" role="alert" data-testid="card-refused">
            {throttled ? authT('card.throttled') : authT('card.refused')}
          </Alert>
          <Anchor component={Link} to={paths.signIn} fz="lg">
            {authT('card.withPassword')}
          </Anchor>
        </Stack>
      ) : (
        <Center py="lg" role="status" aria-live="polite">
          <Stack align="center" gap="sm">
            <Loader aria-hidden="true" />
            <Text fz="lg">{signIn.isSuccess ? t('session.loading') : authT('card.signingIn')}</Text>
          </Stack>
        </Center>
      )}
    </Paper>
  );
}
