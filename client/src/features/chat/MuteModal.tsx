import { Button, Group, Modal, Radio, Stack } from '@mantine/core';
import { useState } from 'react';
import { useChatT } from './i18n';

/** Durations offered to a teacher (minutes); the server accepts any number up to a week. */
const DURATIONS = [5, 15, 60, 24 * 60] as const;

/** Mutes a user of the room for a chosen duration. */
export function MuteModal({ name, onClose, onMute }: { name: string | null; onClose: () => void; onMute: (minutes: number) => void }) {
  const { t } = useChatT();
  const [minutes, setMinutes] = useState<string>(String(DURATIONS[0]));
  const label = (value: number) => (value < 60 ? t('mute.minutes', { count: value }) : value < 24 * 60 ? t('mute.hours', { count: value / 60 }) : t('mute.day'));
  return (
    <Modal opened={name !== null} onClose={onClose} title={t('mute.title', { name })} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onMute(Number(minutes));
        }}
      >
        <Radio.Group label={t('mute.duration')} value={minutes} onChange={setMinutes}>
          <Stack gap="xs" mt="xs">
            {DURATIONS.map((value) => (
              <Radio key={value} value={String(value)} label={label(value)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('message.cancel')}
          </Button>
          <Button type="submit" color="red">
            {t('mute.submit')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
