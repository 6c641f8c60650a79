import { Alert, Button, Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { AccessDenied } from './AccessDenied';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

export const isForbidden = (error: unknown): boolean => error instanceof ApiError && error.code === 'FORBIDDEN';

/** Loading and error states of a page's main query; renders nothing once there is data. */
export function QueryStatus({ query, loadingLabel }: { query: QueryLike; loadingLabel: string }) {
  const { t } = useTranslation();
  if (query.isPending && !query.isError) {
    return (
      <Center py="xl" role="status">
        <Loader aria-hidden="true" />
        <Text ml="sm">{loadingLabel}</Text>
      </Center>
    );
  }
  if (!query.isError) return null;
  if (isForbidden(query.error)) return <AccessDenied />;
  return (
    <Alert color="red" variant="light" role="alert" maw={640}>
      <Text mb="sm">{t(errorMessageKey(query.error))}</Text>
      <Button variant="white" color="red" onClick={() => void query.refetch()} loading={query.isFetching}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
