import { Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { REPORT_CATEGORIES, type ModeratedKind, type ReportCategory } from '../../../../shared/moderation/types';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { emitAck } from './useModeration';

/** "Signaler" in one click: anyone reports a contribution to the teachers, with a category. */
export function ReportButton({ kind, itemId, spaceId, quote = '' }: { kind: ModeratedKind; itemId: string; spaceId: string; quote?: string }) {
  const { t } = useFeatureT(moderationI18n);
  const [opened, setOpened] = useState(false);
  const [category, setCategory] = useState<ReportCategory>('insulte');
  const [text, setText] = useState('');
  const [state, setState] = useState<'idle' | 'sent' | 'failed'>('idle');

  const send = async () => {
    const answer = await emitAck('report:create', { kind, itemId, spaceId, category, text, quote: quote.slice(0, 500) });
    setState(answer.ok ? 'sent' : 'failed');
    if (answer.ok) setOpened(false);
  };

  return (
    <>
      <Button size="compact-xs" variant="subtle" color="red.8" onClick={() => setOpened(true)} aria-label={t('report.open')}>
        {state === 'sent' ? t('report.sent') : t('report.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('report.title')}>
        <Stack>
          <Text>{t('report.explain')}</Text>
          <Select
            label={t('report.category')}
            description={t(`categoryHints.${category}`)}
            data={REPORT_CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) }))}
            // Each category with a line a child understands (« Moquerie » : quelqu’un se moque d’un camarade…).
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text fz="sm" fw={600}>
                  {option.label}
                </Text>
                <Text fz="xs" c="dimmed">
                  {t(`categoryHints.${option.value as ReportCategory}`)}
                </Text>
              </Stack>
            )}
            value={category}
            onChange={(value) => value && setCategory(value as ReportCategory)}
            allowDeselect={false}
          />
          <Textarea label={t('report.details')} value={text} onChange={(event) => setText(event.currentTarget.value)} maxLength={1000} autosize minRows={2} />
          {state === 'failed' && <Text c="red.8" role="alert">{t('failed')}</Text>}
          <Button onClick={() => void send()}>{t('report.send')}</Button>
        </Stack>
      </Modal>
    </>
  );
}
