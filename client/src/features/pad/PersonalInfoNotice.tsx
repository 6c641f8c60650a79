import { Alert, Button, Stack, Text } from '@mantine/core';
import type { PiiKind } from '../../../../shared/pii/detect';
import { usePadT } from './i18n';

/** What the pupil is told: before (the editor noticed it) or after (the server reported the pad to a teacher). */
export interface PersonalInfoWarning {
  kinds: PiiKind[];
  reported: boolean;
}

/**
 * The personal-information guard, in words a child understands: a pad is read by the whole class at once, so
 * the pupil is warned as they leave a paragraph that seems to hold a phone number or an address (they can erase
 * it), and told when a teacher was asked to read it again.
 */
export function PersonalInfoNotice({ warning, onClose }: { warning: PersonalInfoWarning; onClose: () => void }) {
  const { t } = usePadT();
  const what = warning.kinds.map((kind) => t(`personalInfo.kinds.${kind}`)).join(t('personalInfo.and'));
  return (
    <Alert color="yellow" role="alert" data-testid="pad-personal-info" data-reported={String(warning.reported)}>
      <Stack gap="xs">
        <Text>{t(warning.reported ? 'personalInfo.reported' : 'personalInfo.warning', { what })}</Text>
        <Button variant="light" color="yellow" size="compact-sm" w="fit-content" onClick={onClose}>
          {t('personalInfo.close')}
        </Button>
      </Stack>
    </Alert>
  );
}
