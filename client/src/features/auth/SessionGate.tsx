import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { paths } from '../../app/paths';
import { PROFILE_PRECEDENCE } from '../../../../shared/identity/profiles';
import { errorMessageKey } from '../../lib/errorMessage';
import { RateLimitNotice } from '../../lib/RateLimitNotice';
import { loadSocketClient } from '../../lib/socket';
import { LiveConnection } from './LiveConnection';
import { pendingStep } from './session';
import { MeContext, useSession } from './useSession';

/**
 * Layout route in front of every signed-in page. `signedIn`: any signed-in user (the password and charter
 * pages); `ready`: the password changed and the charter accepted, as the server requires for everything else.
 */
export function SessionGate({ require }: { require: 'signedIn' | 'ready' }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  // The live connection's library (the signed-in pages' next need) arrives while `/api/me` is asked, not after.
  useEffect(() => {
    loadSocketClient().catch(() => undefined);
  }, []);

  if (session.isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Stack align="center" gap="sm">
          <Loader aria-hidden="true" />
          <Text>{t('session.loading')}</Text>
        </Stack>
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Alert color="red" variant="light" title={t('session.error')} maw={640}>
        <Text mb="sm">{t(errorMessageKey(session.error))}</Text>
        <Button variant="white" color="red" onClick={() => void session.refetch()} loading={session.isFetching}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  const { me } = session.data;
  if (!me) return <Navigate to={paths.signIn} replace state={{ from: location.pathname + location.search }} />;
  const step = pendingStep(me);
  // Where the user was going goes along, to be opened once the step is done.
  if (require === 'ready' && step) return <Navigate to={step} replace state={{ from: location.pathname + location.search }} />;

  return (
    <MeContext.Provider value={me}>
      {require === 'ready' && <LiveConnection />}
      {/* Once, at the outer gate: « tu » when the user's main profile is pupil, « vous » otherwise. */}
      {require === 'signedIn' && <RateLimitNotice pupil={PROFILE_PRECEDENCE.find((profile) => me.profiles.includes(profile)) === 'pupil'} />}
      <Outlet />
    </MeContext.Provider>
  );
}
