import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { RECTIFICATION_TEXT_MAX_CHARS, type RectificationView } from '../../../../shared/mydata/types';
import { formatDate } from '../../lib/format';
import { QueryStatus } from '../errors/QueryStatus';
import { useAnswerRectification, useRectificationQueue } from './api';
import { useMyDataT } from './i18n';
import { RequestItem } from './MyDataPage';

/** One open request with the direction's answer form. */
function OpenRequest({ request }: { request: RectificationView }) {
  const { t, language } = useMyDataT();
  const answer = useAnswerRectification();
  const [text, setText] = useState('');
  const send = (status: 'done' | 'refused') => answer.mutate({ id: request.id, status, answer: text.trim() });
  return (
    <Paper withBorder p="md" radius="md" component="li" data-testid={`rectification-${request.id}`}>
      <Text size="sm" c="dimmed">
        {t('queue.from', { requester: request.requesterName, subject: request.subjectName, date: formatDate(request.createdAt, language) })}
      </Text>
      <Text mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {request.text}
      </Text>
      <Textarea label={t('queue.answer')} value={text} onChange={(event) => setText(event.currentTarget.value)} maxLength={RECTIFICATION_TEXT_MAX_CHARS} autosize minRows={2} />
      <Group mt="sm">
        <Button onClick={() => send('done')} disabled={text.trim() === ''} loading={answer.isPending}>
          {t('queue.done')}
        </Button>
        <Button variant="default" onClick={() => send('refused')} disabled={text.trim() === ''} loading={answer.isPending}>
          {t('queue.refused')}
        </Button>
      </Group>
      {answer.isError && (
        <Alert color="red" variant="light" role="alert" mt="sm">
          {t('queue.failed')}
        </Alert>
      )}
    </Paper>
  );
}

/** `/admin/rectifications`: the direction's queue, open requests first; the server answers 403 to anyone else. */
export function RectificationQueuePage() {
  const { t } = useMyDataT();
  const queue = useRectificationQueue();
  const requests = queue.data?.requests ?? [];
  return (
    <Stack gap="lg" maw={760} w="100%">
      <title>{t('queue.pageTitle')}</title>
      <div>
        <Title order={1}>{t('queue.title')}</Title>
        <Text c="dimmed">{t('queue.intro')}</Text>
      </div>
      <QueryStatus query={queue} loadingLabel={t('queue.loading')} />
      {queue.data && requests.length === 0 && <Text>{t('queue.empty')}</Text>}
      {requests.length > 0 && (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {requests.map((request) => (request.status === 'open' ? <OpenRequest key={request.id} request={request} /> : <RequestItem key={request.id} request={request} />))}
        </Stack>
      )}
    </Stack>
  );
}
