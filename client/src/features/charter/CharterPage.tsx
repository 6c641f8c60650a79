import { Alert, Badge, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { paths } from '../../app/paths';
import { errorMessageKey } from '../../lib/errorMessage';
import { formatDate } from '../../lib/format';
import { Markdown } from '../../lib/markdown';
import { useMe } from '../auth/useSession';
import { AcceptCharterForm } from './AcceptCharterForm';
import { useCharters } from './useCharters';

/**
 * The charter(s) of the user's profiles. Until they are accepted nothing else is reachable; afterwards the
 * page stays available to read them again.
 */
export function CharterPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const charters = useCharters();

  const location = useLocation();

  if (me.mustChangePassword) return <Navigate to={paths.changePassword} replace state={location.state as unknown} />;

  const pending = charters.data?.state.pending ?? [];
  const several = (charters.data?.charters.length ?? 0) > 1;

  return (
    <Stack gap="lg" maw={820}>
      <title>{t('charter.pageTitle')}</title>
      <div>
        <Title order={1} mb="xs">
          {t('charter.title')}
        </Title>
        <Text fz="lg">{me.charter.accepted ? t('charter.acceptedIntro') : t('charter.intro')}</Text>
      </div>
      {charters.isPending && (
        <Center py="xl" role="status">
          <Loader aria-hidden="true" />
          <Text ml="sm">{t('charter.loading')}</Text>
        </Center>
      )}
      {charters.isError && (
        <Alert color="red" variant="light" role="alert">
          {t(errorMessageKey(charters.error))}
        </Alert>
      )}
      {charters.data?.charters.map((charter) => {
        const isPending = pending.some((item) => item.profile === charter.profile);
        return (
          <Paper key={charter.id} component="article" withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} aria-labelledby={`charte-${charter.profile}`}>
            <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
              <Title order={2} id={`charte-${charter.profile}`}>
                {charter.title}
              </Title>
              <Badge color={isPending ? 'orange' : 'green'} variant="light" size="lg" tt="none">
                {isPending ? t('charter.toAccept') : t('charter.accepted')}
              </Badge>
            </Group>
            <Text c="dimmed" fz="sm" mb="md">
              {t('charter.version', { version: charter.version, date: formatDate(charter.publishedAt, i18n.language) })}
            </Text>
            <Markdown source={charter.body} headingOrder={3} />
          </Paper>
        );
      })}
      {charters.data && pending.length > 0 && <AcceptCharterForm pending={pending} several={several} />}
    </Stack>
  );
}
