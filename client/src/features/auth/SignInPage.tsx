import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { SignInForm } from './SignInForm';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={460} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <title>{t('auth.pageTitle')}</title>
      <Title order={1} mb="xs">
        {t('auth.title')}
      </Title>
      <Text c="dimmed" mb="lg">
        {t('auth.intro')}
      </Text>
      <SignInForm onSuccess={() => void navigate(paths.home, { replace: true })} />
    </Paper>
  );
}
