import { Alert, Button, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { MeResponse } from '../../../../shared/identity/api';
import { useFeatureT } from '../../i18n/feature';
import { authI18n } from './i18n';
import { landingNavigation, wantedPath } from './session';
import { NOTICE_KEYS } from './signInErrors';
import { SignInCodeForm } from './SignInCodeForm';
import { SignInForm } from './SignInForm';
import { useSession } from './useSession';

export function SignInPage() {
  const { t } = useTranslation();
  const { t: authT } = useFeatureT(authI18n);
  // A one-time code from a teacher or the direction, for an account that refused sign-ins keep locked.
  const [withCode, setWithCode] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession({ passive: true });
  const notice = session.data?.notice;
  // After a deliberate sign-out, the next person on this device starts from their own home page.
  const wanted = notice === 'signedOut' ? undefined : wantedPath(location.state);

  if (session.data?.me) {
    const next = landingNavigation(session.data.me, wanted);
    return <Navigate to={next.to} replace state={next.state} />;
  }
  const onSuccess = (me: MeResponse) => {
    const next = landingNavigation(me, wanted);
    void navigate(next.to, { replace: true, state: next.state });
  };

  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={460} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <title>{t('auth.pageTitle')}</title>
      <Title order={1} mb="xs">
        {t('auth.title')}
      </Title>
      <Text c="dimmed" mb="lg">
        {t('auth.intro')}
      </Text>
      {notice && (
        <Alert
          color={notice === 'signedOut' ? 'preau' : 'orange'}
          variant="light"
          mb="md"
          role={notice === 'signedOut' ? 'status' : 'alert'}
          data-testid="sign-out-notice"
        >
          {t(NOTICE_KEYS[notice])}
        </Alert>
      )}
      {withCode ? <SignInCodeForm onSuccess={onSuccess} /> : <SignInForm onSuccess={onSuccess} />}
      <Button variant="subtle" fullWidth mt="sm" onClick={() => setWithCode(!withCode)}>
        {withCode ? authT('code.back') : authT('code.open')}
      </Button>
    </Paper>
  );
}
