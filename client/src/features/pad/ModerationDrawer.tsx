import { Alert, Button, Drawer, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PAD_REDACT_MIN_CHARS } from '../../../../shared/pad/limits';
import type { PadInfo } from '../../../../shared/pad/types';
import { isConflict, usePadActions } from './api';
import { usePadT } from './i18n';
import { PadSettingsSection } from './PadSettingsSection';

interface ModerationDrawerProps {
  info: PadInfo;
  opened: boolean;
  onClose: () => void;
  /** The passages currently selected in the editor. */
  selection: string[];
  onNotice: (text: string, error?: boolean) => void;
}

const DURATIONS = ['15', '60', 'until'] as const;

/**
 * The teacher's live moderation of a pad (shown when the server says the user may `configure` it): lock,
 * settings, read-only pupils, and erasing a passage for good.
 */
export function ModerationDrawer({ info, opened, onClose, selection, onNotice }: ModerationDrawerProps) {
  const { t, language } = usePadT();
  const spaceId = info.space.id;
  const actions = usePadActions(spaceId);
  const [pupilId, setPupilId] = useState<string | null>(null);
  const [duration, setDuration] = useState<(typeof DURATIONS)[number]>('until');
  const [confirmRedact, setConfirmRedact] = useState(false);
  const passages = selection.filter((piece) => piece.length >= PAD_REDACT_MIN_CHARS);
  const time = (ts: number) => new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(ts);
  const nameOf = (userId: string) => info.pupils.find((pupil) => pupil.id === userId)?.name ?? '';
  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      onNotice(success);
    } catch (error) {
      onNotice(isConflict(error) ? t('settings.conflict') : t('moderation.failed'), true);
    }
  };

  return (
    <Drawer opened={opened} onClose={onClose} title={t('moderation.title')} position="right" size="md" closeButtonProps={{ 'aria-label': t('versions.close') }}>
      <Stack gap="lg">
        <Button
          color={info.space.locked ? 'teal' : 'orange'}
          loading={actions.setLocked.isPending}
          onClick={() =>
            void run(() => actions.setLocked.mutateAsync({ locked: !info.space.locked, version: info.space.version }), info.space.locked ? t('moderation.unlocked') : t('moderation.locked'))
          }
        >
          {info.space.locked ? t('moderation.unlock') : t('moderation.lock')}
        </Button>

        <PadSettingsSection key={info.space.version} info={info} onNotice={onNotice} />

        <Stack gap="xs" component="section" aria-labelledby="pad-mutes">
          <Title order={3} fz="md" id="pad-mutes">
            {t('moderation.mutedList')}
          </Title>
          {info.muted.length === 0 && <Text c="dimmed">{t('moderation.noneMuted')}</Text>}
          {info.muted.map((person) => (
            <Group key={person.id} justify="space-between" wrap="nowrap">
              <Text>
                {person.name} <Text span c="dimmed" fz="sm">{t('moderation.until', { time: time(person.until) })}</Text>
              </Text>
              <Button size="compact-sm" variant="light" onClick={() => void run(() => actions.unmute.mutateAsync(person.id), t('moderation.unmuted', { name: person.name }))}>
                {t('moderation.unmute', { name: person.name })}
              </Button>
            </Group>
          ))}
          <Select label={t('moderation.pupil')} data={info.pupils.map((pupil) => ({ value: pupil.id, label: pupil.name }))} value={pupilId} onChange={setPupilId} searchable />
          <Select
            label={t('moderation.duration')}
            data={DURATIONS.map((value) => ({ value, label: t(`moderation.durations.${value}`) }))}
            value={duration}
            onChange={(value) => value && setDuration(value as (typeof DURATIONS)[number])}
            allowDeselect={false}
          />
          <Button
            disabled={!pupilId}
            loading={actions.mute.isPending}
            onClick={() =>
              pupilId &&
              void run(() => actions.mute.mutateAsync({ userId: pupilId, ...(duration === 'until' ? {} : { durationMinutes: Number(duration) }) }), t('moderation.muted', { name: nameOf(pupilId) }))
            }
          >
            {t('moderation.mute')}
          </Button>
        </Stack>

        <Stack gap="xs">
          <Text fz="sm" c="dimmed">
            {t('moderation.redactHint')}
          </Text>
          <Button color="red" variant="light" disabled={passages.length === 0} onClick={() => setConfirmRedact(true)}>
            {t('moderation.redact')}
          </Button>
        </Stack>
      </Stack>
      <Modal opened={confirmRedact} onClose={() => setConfirmRedact(false)} title={t('moderation.redactConfirmTitle')}>
        <Stack>
          <Alert color="red">{t('moderation.redactConfirm')}</Alert>
          <Text fs="italic" style={{ wordBreak: 'break-word' }}>
            « {passages.join(' / ')} »
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmRedact(false)}>
              {t('moderation.cancel')}
            </Button>
            <Button
              color="red"
              loading={actions.redact.isPending}
              onClick={() => {
                setConfirmRedact(false);
                void actions.redact
                  .mutateAsync(passages)
                  .then((result) => onNotice(t('moderation.redacted', { count: result.removed })))
                  .catch(() => onNotice(t('moderation.failed'), true));
              }}
            >
              {t('moderation.redactAction')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Drawer>
  );
}
