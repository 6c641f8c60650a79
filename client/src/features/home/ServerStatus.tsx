import { Alert, Badge, Button, Card, Group, Loader, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../lib/errorMessage';
import { useServerMeta } from './useServerMeta';

/** Shows whether the server answers `GET /api/meta`, its version and its storage. */
export function ServerStatus() {
  const { t } = useTranslation();
  const meta = useServerMeta();

  return (
    <Card component="section" aria-labelledby="etat-serveur" withBorder radius="lg" padding="lg">
      <Title order={2} id="etat-serveur" size="h3" mb="sm">
        {t('server.title')}
      </Title>
      <div aria-live="polite">
        {meta.isPending && (
          <Group gap="sm" role="status">
            <Loader size="sm" aria-hidden="true" />
            <Text>{t('server.loading')}</Text>
          </Group>
        )}
        {meta.isError && (
          <Alert color="red" variant="light" title={t('server.error')}>
            <Text mb="sm">{t(errorMessageKey(meta.error))}</Text>
            <Button variant="white" color="red" size="sm" onClick={() => void meta.refetch()} loading={meta.isFetching}>
              {t('server.retry')}
            </Button>
          </Alert>
        )}
        {meta.isSuccess && (
          <Group gap="md" data-testid="server-online">
            <Badge color="green" variant="dot" size="lg" tt="none">
              {t('server.online')}
            </Badge>
            <Text>
              {t('server.version')} <strong>{meta.data.version}</strong>
            </Text>
            <Text>
              {t('server.store')} <strong>{t(`server.stores.${meta.data.store}`)}</strong>
            </Text>
          </Group>
        )}
      </div>
    </Card>
  );
}
