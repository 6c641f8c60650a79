import { Navigate, useLocation, useNavigate } from 'react-router';
import { Paper, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './ChangePasswordForm';
import { landingNavigation, sessionQueryKey, wantedPath, type SessionState } from './session';
import { useMe } from './useSession';

/** The forced password change after a generated password (first sign-in, reset): before anything else. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const wanted = wantedPath(useLocation().state);

  if (!me.mustChangePassword) {
    const next = landingNavigation(me, wanted);
    return <Navigate to={next.to} replace state={next.state} />;
  }

  function onChanged() {
    const changed = { ...me, mustChangePassword: false };
    client.setQueryData<SessionState>(sessionQueryKey, { me: changed });
    const next = landingNavigation(changed, wanted);
    void navigate(next.to, { replace: true, state: next.state });
  }

  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={520} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <title>{t('password.pageTitle')}</title>
      <Title order={1} mb="xs">
        {t('password.forcedTitle')}
      </Title>
      <Text mb="lg">{t('password.forcedIntro')}</Text>
      <ChangePasswordForm onSuccess={onChanged} submitLabel={t('password.submitForced')} />
    </Paper>
  );
}
