import { Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { RECTIFICATION_TEXT_MAX_CHARS, type RectificationView } from '../../../../shared/mydata/types';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useMe } from '../auth/useSession';
import { QueryStatus } from '../errors/QueryStatus';
import { downloadMyData, useMyData, useRequestRectification } from './api';
import { useMyDataT } from './i18n';
import { myDataPaths } from './paths';
import { RemovedChild } from './RemovedChild';

const STATUS_COLORS = { open: 'gray', done: 'green', refused: 'red' } as const;

/** One request with its state and, once answered, the direction's answer. */
export function RequestItem({ request }: { request: RectificationView }) {
  const { t, language } = useMyDataT();
  return (
    <Paper withBorder p="sm" radius="md" component="li" data-testid={`rectification-${request.id}`}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t('rectify.askedOn', { date: formatDate(request.createdAt, language), name: request.subjectName })}
        </Text>
        <Badge color={STATUS_COLORS[request.status]} variant="light" tt="none">
          {t(`rectify.status.${request.status}`)}
        </Badge>
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{request.text}</Text>
      {request.answer !== null && (
        <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          <strong>{t('rectify.answerBy', { name: request.answeredByName ?? '' })}</strong> {request.answer}
        </Text>
      )}
    </Paper>
  );
}

/**
 * `/mes-donnees`: download everything Préau holds about me (a parent: about each child too), ask the direction to
 * correct something, and read its answers. The server decides whose data each reader may take.
 */
export function MyDataPage() {
  const { t } = useMyDataT();
  const me = useMe();
  const data = useMyData();
  const request = useRequestRectification();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const people = data.data?.people ?? [];
  const subject = subjectId ?? people[0]?.id ?? null;
  const direction = me.profiles.includes('director') || me.profiles.includes('admin');

  const download = async (userId: string) => {
    setBusy(userId);
    setNotice(null);
    try {
      await downloadMyData(userId);
      setNotice({ ok: true, text: t('page.downloaded') });
    } catch (error) {
      const limited = error instanceof ApiError && error.status === 429;
      const seconds = limited ? Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000)) : 0;
      setNotice({ ok: false, text: limited ? t('page.tooMany', { seconds }) : t('page.failed') });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="lg" maw={760} w="100%">
      <title>{t('page.pageTitle')}</title>
      <div>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('page.title')}
        </Title>
        <Text c="dimmed">{t('page.intro')}</Text>
      </div>
      <QueryStatus query={data} loadingLabel={t('page.loading')} />
      {people.length > 0 && (
        <Group gap="sm">
          {people.map((person) => (
            <Button key={person.id} onClick={() => void download(person.id)} loading={busy === person.id} data-testid={`mydata-download-${person.id}`}>
              {person.self ? t('page.downloadSelf') : t('page.downloadChild', { name: person.displayName })}
            </Button>
          ))}
        </Group>
      )}
      {people.map((person) => (person.removal ? <RemovedChild key={`removed-${person.id}`} person={{ ...person, removal: person.removal }} /> : null))}
      {notice && (
        <Alert color={notice.ok ? 'green' : 'orange'} variant="light" role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </Alert>
      )}
      {direction && (
        <Anchor component={Link} to={myDataPaths.queue}>
          {t('page.queueLink')}
        </Anchor>
      )}
      {data.data && (
        <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="rectification">
          <Title order={2} id="rectification" mb="xs">
            {t('rectify.title')}
          </Title>
          <Text c="dimmed" mb="md">
            {t('rectify.intro')}
          </Text>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!subject || text.trim() === '') return;
              setSent(false);
              request.mutate({ subjectId: subject, text: text.trim() }, { onSuccess: () => { setText(''); setSent(true); } });
            }}
          >
            <Stack gap="sm">
              {people.length > 1 && (
                <Select
                  label={t('rectify.about')}
                  data={people.map((person) => ({ value: person.id, label: person.self ? t('rectify.myself') : person.displayName }))}
                  value={subject}
                  onChange={setSubjectId}
                  allowDeselect={false}
                />
              )}
              <Textarea label={t('rectify.text')} value={text} onChange={(event) => setText(event.currentTarget.value)} maxLength={RECTIFICATION_TEXT_MAX_CHARS} autosize minRows={3} required />
              <Group>
                <Button type="submit" loading={request.isPending} disabled={text.trim() === ''}>
                  {t('rectify.submit')}
                </Button>
              </Group>
              {sent && (
                <Alert color="green" variant="light" role="status">
                  {t('rectify.sent')}
                </Alert>
              )}
              {request.isError && (
                <Alert color="red" variant="light" role="alert">
                  {t('rectify.failed')}
                </Alert>
              )}
            </Stack>
          </form>
          <Title order={3} mt="lg" mb="xs">
            {t('rectify.mine')}
          </Title>
          {data.data.requests.length === 0 ? (
            <Text c="dimmed">{t('rectify.none')}</Text>
          ) : (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.data.requests.map((found) => (
                <RequestItem key={found.id} request={found} />
              ))}
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}
