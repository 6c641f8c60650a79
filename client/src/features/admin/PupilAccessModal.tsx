import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountRights, PublicUser } from '../../../../shared/identity/api';
import { useFeatureT } from '../../i18n/feature';
import { errorMessageKey } from '../../lib/errorMessage';
import { adminI18n } from './i18n';
import { QrCode } from './QrCode';
import { useIssuePupilCard, useResetPassword } from './useSignInCards';

/**
 * Resetting a pupil's access from the class roster (issue 18): a new sign-in card (the old card stops working) or
 * a new provisional password; either way the pupil's open sessions end. Shown once, audited.
 */
export function PupilAccessModal({ user, onClose }: { user: (PublicUser & { rights?: AccountRights }) | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const card = useIssuePupilCard();
  const password = useResetPassword();
  const name = user?.displayName ?? '';

  function close() {
    card.reset();
    password.reset();
    onClose();
  }

  const error = card.error ?? password.error;
  const done = card.data ?? password.data;
  return (
    <Modal opened={user !== null} onClose={close} title={adminT('access.title', { name })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        {!done && <Text>{adminT('access.explanation', { name })}</Text>}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(error))}
          </Alert>
        )}
        {card.data && (
          <Alert color="green" variant="light" role="status" title={adminT('access.cardDone', { name })}>
            <Stack align="center" gap="xs">
              <QrCode value={card.data.link} label={adminT('cards.qrLabel', { name })} testId="pupil-card-qr" />
              <Text fz="sm">{adminT('cards.howPupil')}</Text>
            </Stack>
          </Alert>
        )}
        {password.data && (
          <Alert color="green" variant="light" role="status" title={adminT('access.passwordDone', { name })}>
            <Code fz={22} fw={700} px="sm" py={4} data-testid="pupil-new-password">
              {password.data.initialPassword}
            </Code>
            <Text mt="sm">{adminT('access.passwordHow', { login: password.data.user.login })}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {!done && user?.rights?.issueSignInCode && (
            <Button variant="light" loading={card.isPending} onClick={() => card.mutate({ userId: user.id })}>
              {adminT('access.newCard')}
            </Button>
          )}
          {!done && user?.rights?.resetCredentials && (
            <Button variant="light" loading={password.isPending} onClick={() => password.mutate({ userId: user.id })}>
              {adminT('access.newPassword')}
            </Button>
          )}
          <Button variant={done ? 'filled' : 'default'} onClick={close}>
            {done ? t('common.close') : t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
