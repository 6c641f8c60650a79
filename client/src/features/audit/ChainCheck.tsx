import { Alert, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useVerifyChain } from './api';
import { chainProblemText } from './chainProblems';
import { useAuditT } from './i18n';

/**
 * The director re-computes the school's hash chain on demand, against the server key and the signed
 * checkpoints: the result names every problem found, in words, and the numbers skipped after an interruption.
 */
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
            <Text fw={600}>
              {result.ok
                ? t('chain.ok', { n: result.count })
                : result.firstBrokenSeq !== null
                  ? t('chain.broken', { seq: result.firstBrokenSeq })
                  : t('chain.untrusted')}
            </Text>
            {!result.ok && (
              <List size="sm" spacing={4} mt="xs" aria-label={t('chain.problemsLabel')} data-testid="chain-problems">
                {result.problems.map((problem) => (
                  <List.Item key={`${problem.kind}:${problem.fromSeq ?? '-'}`} data-kind={problem.kind}>
                    {chainProblemText(t, problem)}
                  </List.Item>
                ))}
                {result.truncated && <List.Item>{t('chain.more')}</List.Item>}
              </List>
            )}
          </Alert>
        )}
        {result && result.skipped.length > 0 && (
          <Stack gap={4} data-testid="chain-skipped">
            {result.skipped.map((gap) => (
              <Text key={gap.fromSeq} fz="sm" c="dimmed">
                {t('chain.skipped', { from: gap.fromSeq, to: gap.toSeq })}
              </Text>
            ))}
          </Stack>
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
