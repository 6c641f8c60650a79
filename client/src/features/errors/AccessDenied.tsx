import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';

/** What a page shows when the server answered 403 FORBIDDEN: the refusal is logged, nothing is shown. */
export function AccessDenied() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={640} data-testid="access-denied" role="alert">
      <Stack gap="md" align="flex-start">
        <Text fz={56} fw={800} c="red.9" lh={1} aria-hidden="true">
          403
        </Text>
        <Title order={2}>{t('accessDenied.title')}</Title>
        <Text fz="lg">{t('accessDenied.text')}</Text>
        <Button component={Link} to={paths.dashboard}>
          {t('accessDenied.back')}
        </Button>
      </Stack>
    </Paper>
  );
}
