import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_LEVELS, type SchoolLevel } from '../../../../shared/identity/sign-in-card';
import { useFeatureT } from '../../i18n/feature';
import { errorMessageKey } from '../../lib/errorMessage';
import { adminI18n } from './i18n';
import { usePasswordChangeSetting, useSetPasswordChangeSetting } from './useSignInCards';

/** The director's setting: the levels whose pupils keep the password the school gave (cycle 2 by default). */
export function PasswordChangeSetting({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const setting = usePasswordChangeSetting(enabled);
  const save = useSetPasswordChangeSetting();
  const [edited, setEdited] = useState<SchoolLevel[] | null>(null);
  if (!enabled || !setting.data) return null;
  const levels = edited ?? setting.data.exemptLevels;

  return (
    <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="premiere-connexion">
      <Stack gap="sm">
        <Title order={2} id="premiere-connexion" fz="lg">
          {adminT('passwordChange.title')}
        </Title>
        <Text>{adminT('passwordChange.intro')}</Text>
        <Checkbox.Group value={levels} onChange={(value) => setEdited(value as SchoolLevel[])} aria-labelledby="premiere-connexion">
          <Group gap="md" mt="xs">
            {SCHOOL_LEVELS.map((level) => (
              <Checkbox key={level} value={level} label={level} size="md" />
            ))}
          </Group>
        </Checkbox.Group>
        {save.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(save.error))}
          </Alert>
        )}
        {save.isSuccess && edited === null && (
          <Text role="status" c="green.9">
            {adminT('passwordChange.saved')}
          </Text>
        )}
        <Group>
          <Button loading={save.isPending} disabled={edited === null} onClick={() => save.mutate({ exemptLevels: levels }, { onSuccess: () => setEdited(null) })}>
            {adminT('passwordChange.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
