import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/identity/api';
import { SIGN_IN_CODE_TTL_MS } from '../../../../shared/identity/sign-in-code';
import { useFeatureT } from '../../i18n/feature';
import { adminI18n } from './i18n';
import { IssueConfirm } from './IssueConfirm';
import { useIssueSignInCode } from './useUsers';

/**
 * A one-time sign-in code for an account that refused sign-ins keep locked (a classmate guessing at the school's
 * computers): a teacher gives one to a pupil of their class, the direction to anyone. The code is shown once, to
 * be handed over in person; creating it and using it are in the log.
 */
export function SignInCodeModal({ user, onClose }: { user: PublicUser | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const issue = useIssueSignInCode();
  const name = user?.displayName ?? '';

  function close() {
    issue.reset();
    onClose();
  }

  const issued = issue.data;
  const time = issued ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(issued.expiresAt)) : '';

  return (
    <Modal opened={user !== null} onClose={close} title={adminT('signInCode.title', { name })} size="lg">
      <Stack gap="md">
        {issued ? (
          <>
            <Alert color="green" variant="light" role="status" title={adminT('signInCode.code')}>
              <Code fz={28} fw={700} px="sm" py={4} data-testid="sign-in-code" style={{ letterSpacing: '0.15em' }}>
                {issued.code}
              </Code>
              <Text mt="sm">{adminT('signInCode.validUntil', { time })}</Text>
            </Alert>
            <Text>{adminT('signInCode.handOver', { name })}</Text>
            <Text c="dimmed">{adminT('signInCode.how', { login: issued.user.login })}</Text>
            <Group justify="flex-end">
              <Button onClick={close}>{t('common.close')}</Button>
            </Group>
          </>
        ) : (
          <IssueConfirm
            explanation={adminT('signInCode.explanation', { name, minutes: SIGN_IN_CODE_TTL_MS / 60_000 })}
            journal={adminT('signInCode.journal')}
            error={issue.isError ? issue.error : null}
            pending={issue.isPending}
            action={adminT('signInCode.create')}
            onCancel={close}
            onConfirm={() => user && issue.mutate({ userId: user.id })}
          />
        )}
      </Stack>
    </Modal>
  );
}
