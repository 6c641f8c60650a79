import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';

/** Unknown client route. */
export function NotFoundPage() {
  const { t } = useTranslation();

  return (
    <Stack gap="md" align="flex-start" maw={640}>
      <title>{t('notFound.pageTitle')}</title>
      <Text fz={64} fw={800} c="preau.7" lh={1} aria-hidden="true">
        404
      </Text>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text fz="lg">{t('notFound.text')}</Text>
      <Button component={Link} to={paths.home}>
        {t('notFound.backHome')}
      </Button>
    </Stack>
  );
}
