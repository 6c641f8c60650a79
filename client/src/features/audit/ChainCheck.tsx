import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useVerifyChain } from './api';
import { useAuditT } from './i18n';

/** The director re-computes the school's hash chain on demand; the result names the first broken entry. */
export function ChainCheck() {
  const { t } = useAuditT();
  const verify = useVerifyChain();
  const result = verify.data;
  return (
    <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="integrite-journal">
      <Stack gap="sm" align="flex-start">
        <Title order={2} id="integrite-journal" fz="h3">
          {t('chain.title')}
        </Title>
        <Text c="dimmed">{t('chain.intro')}</Text>
        <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('chain.verify')}
        </Button>
        {result && (
          <Alert color={result.ok ? 'green' : 'red'} variant="light" role="status" data-testid="chain-result" data-ok={result.ok}>
            <Text fw={600}>{result.ok ? t('chain.ok', { n: result.count }) : t('chain.broken', { seq: result.firstBrokenSeq ?? '?' })}</Text>
            {!result.ok && result.problem && (
              <Text fz="sm">
                {t('chain.problem')}{' '}
                <span lang="en">{result.problem}</span>
              </Text>
            )}
          </Alert>
        )}
        {verify.isError && (
          <Alert color="red" variant="light" role="alert">
            {t('chain.failed')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
