import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { useMe } from '../auth/useSession';
import { useMyDataT } from '../mydata/i18n';
import { myDataPaths } from '../mydata/paths';
import { CompromiseCard } from './CompromiseCard';
import { DisplayCard } from './display/DisplayCard';
import { SessionsCard } from './SessionsCard';
import { useRefreshSessions } from './useAccount';

/** *Mon compte*: who I am, my password, my display, my devices, and reporting a suspected compromise. */
export function AccountPage() {
  const { t } = useTranslation();
  const { t: myDataT } = useMyDataT();
  const me = useMe();
  const refreshSessions = useRefreshSessions();
  const [passwordChanged, setPasswordChanged] = useState(false);

  return (
    <Stack gap="lg" maw={960}>
      <title>{t('account.pageTitle')}</title>
      <Title order={1}>{t('account.title')}</Title>
      <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="mon-profil">
        <Title order={2} id="mon-profil" mb="sm">
          {t('account.profile.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <div>
            <Text component="dt" fw={600}>{t('account.profile.name')}</Text>
            <Text component="dd" m={0}>{me.user.displayName}</Text>
          </div>
          <div>
            <Text component="dt" fw={600}>{t('auth.login')}</Text>
            <Text component="dd" m={0}>{me.user.login}</Text>
          </div>
          <div>
            <Text component="dt" fw={600}>{t('account.profile.profiles')}</Text>
            <Group component="dd" m={0} gap={4}>
              {me.profiles.map((profile) => (
                <Badge key={profile} variant="light" tt="none">
                  {t(`profiles.${profile}`)}
                </Badge>
              ))}
            </Group>
          </div>
          <div>
            <Text component="dt" fw={600}>{t('account.profile.school')}</Text>
            <Text component="dd" m={0}>{me.school.name}</Text>
          </div>
        </SimpleGrid>
      </Paper>
      <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="mon-mot-de-passe">
        <Title order={2} id="mon-mot-de-passe" mb="xs">
          {t('password.title')}
        </Title>
        <Text c="dimmed" mb="md">
          {t('password.intro')}
        </Text>
        {passwordChanged && (
          <Alert color="green" variant="light" role="status" mb="md" withCloseButton onClose={() => setPasswordChanged(false)} closeButtonLabel={t('common.close')}>
            {t('password.changed')}
          </Alert>
        )}
        <ChangePasswordForm
          submitLabel={t('password.submit')}
          onSuccess={() => {
            setPasswordChanged(true);
            refreshSessions();
          }}
        />
      </Paper>
      <DisplayCard />
      <SessionsCard />
      <CompromiseCard />
      <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="mes-donnees">
        <Title order={2} id="mes-donnees" mb="xs">
          <Anchor component={Link} to={myDataPaths.myData} inherit>
            {myDataT('page.title')}
          </Anchor>
        </Title>
        <Text c="dimmed">{myDataT('page.intro')}</Text>
      </Paper>
    </Stack>
  );
}
