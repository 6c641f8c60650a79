import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFeatureT } from '../../i18n/feature';
import { adminI18n } from './i18n';
import { IssueConfirm } from './IssueConfirm';
import { QrCode } from './QrCode';
import { useIssueClassCards } from './useSignInCards';
import './sign-in-cards.css';

/**
 * The class's sign-in card (issue 18): one QR code per pupil, shown on the screen or printed and cut out. A pupil
 * scans their code with the tablet's camera and is signed in, with no identifier nor password to type. Creating
 * the cards revokes the class's earlier ones; each card is in the log.
 */
export function ClassCardsModal({ classId, className, opened, onClose }: { classId: string; className: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const issue = useIssueClassCards();

  function close() {
    issue.reset();
    onClose();
  }

  const issued = issue.data;
  return (
    <Modal opened={opened} onClose={close} title={adminT('cards.title', { name: className })} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {issued ? (
        <Stack gap="md">
          <Group justify="space-between" className="class-cards-screen-only">
            <Text>{adminT('cards.ready', { count: issued.cards.length })}</Text>
            <Button onClick={() => window.print()} data-testid="class-cards-print">
              {adminT('cards.print')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" className="class-cards" data-testid="class-cards">
            {issued.cards.map((card) => (
              <Paper key={card.user.id} withBorder radius="md" p="md" className="class-card" data-testid="class-card" data-login={card.user.login}>
                <Stack align="center" gap="xs">
                  <Title order={3} fz="lg" ta="center">
                    {card.user.displayName}
                  </Title>
                  <QrCode value={card.link} label={adminT('cards.qrLabel', { name: card.user.displayName })} testId="class-card-qr" />
                  <Text fz="sm" ta="center">
                    {adminT('cards.howPupil')}
                  </Text>
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      ) : (
        <IssueConfirm
          explanation={adminT('cards.explanation')}
          journal={adminT('cards.journal')}
          error={issue.isError ? issue.error : null}
          pending={issue.isPending}
          action={adminT('cards.create')}
          onCancel={close}
          onConfirm={() => issue.mutate({ classId })}
          testId="class-cards-create"
        />
      )}
    </Modal>
  );
}
