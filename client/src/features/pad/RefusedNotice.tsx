import { Alert, Button, CopyButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { usePadT } from './i18n';

/**
 * What this user typed and the server refused (written while they could not write: muted, pad locked, no longer
 * a writer), handed back rather than silently lost: they can copy it and paste it once they may write again.
 */
export function RefusedNotice({ text, onClose }: { text: string; onClose: () => void }) {
  const { t } = usePadT();
  return (
    <Alert color="orange" role="alert" title={t('refused.title')} data-testid="pad-refused">
      <Stack gap="xs">
        <Text>{t('refused.body')}</Text>
        <Textarea label={t('refused.label')} value={text} readOnly autosize minRows={1} maxRows={8} data-testid="pad-refused-text" />
        <Group gap="xs">
          <CopyButton value={text}>
            {({ copied, copy }) => (
              <Button variant="light" color="orange" size="compact-sm" onClick={copy}>
                {copied ? t('refused.copied') : t('refused.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="subtle" color="orange" size="compact-sm" onClick={onClose}>
            {t('refused.close')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
