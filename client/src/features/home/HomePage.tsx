import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { landingPath } from '../auth/session';
import { useSession } from '../auth/useSession';
import { FeatureList } from './FeatureList';
import { ServerStatus } from './ServerStatus';

export function HomePage() {
  const { t } = useTranslation();
  const me = useSession({ passive: true }).data?.me;

  return (
    <Stack gap="xl" maw={1100}>
      <title>{t('home.pageTitle')}</title>
      <Paper bg="preau.0" radius="lg" p={{ base: 'lg', sm: 'xl' }}>
        <Stack gap="md" align="flex-start">
          <Title order={1}>{t('home.title')}</Title>
          <Text fz="lg" maw={720}>
            {t('home.intro')}
          </Text>
          {me ? (
            <Button component={Link} to={landingPath(me)} size="lg">
              {t('home.continueCta')}
            </Button>
          ) : (
            <Button component={Link} to={paths.signIn} size="lg">
              {t('home.signInCta')}
            </Button>
          )}
        </Stack>
      </Paper>
      <FeatureList />
      <ServerStatus />
    </Stack>
  );
}
