import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../lib/errorMessage';
import { formatDateTime } from '../../lib/format';
import { useSignOut } from '../auth/useSignOut';
import { QueryStatus } from '../errors/QueryStatus';
import { deviceName } from './deviceName';
import { useMySessions, useRevokeSession } from './useAccount';

/** The devices where the account is signed in; close one, or all of them (this one included). */
export function SessionsCard() {
  const { t, i18n } = useTranslation();
  const sessions = useMySessions();
  const revoke = useRevokeSession();
  const signOutEverywhere = useSignOut('everywhere');

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="mes-sessions">
      <Title order={2} id="mes-sessions" mb="xs">
        {t('account.sessions.title')}
      </Title>
      <Text c="dimmed" mb="md">
        {t('account.sessions.intro')}
      </Text>
      <QueryStatus query={sessions} loadingLabel={t('account.sessions.loading')} />
      {revoke.isError && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {t(errorMessageKey(revoke.error))}
        </Alert>
      )}
      {sessions.data && (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="sessions-list">
          {sessions.data.map((session) => (
            <Paper component="li" key={session.id} withBorder radius="md" p="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <div>
                  <Group gap="xs">
                    <Text fw={600}>{deviceName(session.userAgent) ?? t('account.sessions.unknownDevice')}</Text>
                    {session.current && (
                      <Badge color="green" variant="light" tt="none">
                        {t('account.sessions.current')}
                      </Badge>
                    )}
                  </Group>
                  <Text fz="sm" c="dimmed">
                    {t('account.sessions.details', {
                      since: formatDateTime(session.createdAt, i18n.language),
                      seen: formatDateTime(session.lastSeenAt, i18n.language),
                      ip: session.ip ?? '—',
                    })}
                  </Text>
                </div>
                {!session.current && (
                  <Button
                    size="compact-md"
                    variant="light"
                    color="red"
                    loading={revoke.isPending && revoke.variables === session.id}
                    onClick={() => revoke.mutate(session.id)}
                  >
                    {t('account.sessions.revoke')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Button mt="md" variant="light" color="red" onClick={() => signOutEverywhere.mutate()} loading={signOutEverywhere.isPending}>
        {t('account.sessions.signOutEverywhere')}
      </Button>
    </Paper>
  );
}
