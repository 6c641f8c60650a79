import { Modal, Paper, Stack, Text } from '@mantine/core';
import { useRevisions } from './api';
import { useForumT } from './i18n';
import { RichTextView } from './RichText';

/** The earlier versions of a post, newest first: who edited it, when, and what it said before (moderators). */
export function RevisionsModal({ forumId, postId, onClose }: { forumId: string; postId: string | null; onClose: () => void }) {
  const { t, language } = useForumT();
  const revisions = useRevisions(forumId, postId);
  const date = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  return (
    <Modal opened={postId !== null} onClose={onClose} title={t('revisions.title')} size="lg">
      {revisions.isPending && <Text role="status">{t('revisions.loading')}</Text>}
      {revisions.data?.revisions.length === 0 && <Text c="dimmed">{t('revisions.none')}</Text>}
      <Stack gap="md">
        {revisions.data?.revisions.map((revision) => (
          <Paper key={revision.id} withBorder p="sm" radius="md" data-testid="forum-revision">
            <Text fz="sm" fw={600} mb={4}>
              {t('revisions.entry', { name: revision.editorName, date: date(revision.editedAt) })}
            </Text>
            {revision.previousTitle && (
              <Text fz="sm" c="dimmed">
                {t('revisions.title_was', { title: revision.previousTitle })}
              </Text>
            )}
            <RichTextView doc={revision.previousBody} />
          </Paper>
        ))}
      </Stack>
    </Modal>
  );
}
