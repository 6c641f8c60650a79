import { ActionIcon, Alert, Button, Drawer, Group, NativeSelect, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { CHAT_EDIT_WINDOW_MAX_MINUTES, CHAT_OPENING_RANGES_MAX, CHAT_SLOW_MODE_MAX_SECONDS } from '../../../../shared/chat/limits';
import { chatSettingsOf, type ChatSettings, type OpeningRange } from '../../../../shared/chat/settings';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { useChatT } from './i18n';
import { SettingsReloadedNotice } from '../spaces/SettingsReloadedNotice';
import { SpaceLifecycle } from '../spaces/lifecycle/SpaceLifecycle';
import { SpaceModerators } from '../spaces/SpaceModerators';
import { useSettingsDraft } from '../spaces/useSettingsDraft';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The teacher's settings of a room: open or closed, opening hours, slow mode, edit window, pre-moderation, and
 * whether parents read it (the class chat is a conversation between the class and its teachers unless the teacher
 * opens it to them). A save names the version it was loaded from: when another teacher saved meanwhile, the form
 * shows their settings and says so.
 */
export function RoomSettings({ room, opened, onClose }: { room: SpaceSummary; opened: boolean; onClose: () => void }) {
  const { t } = useChatT();
  const { draft, setDraft, parentsMayComment, setParentsMayComment, status, save } = useSettingsDraft(room, chatSettingsOf);
  const set = <K extends keyof ChatSettings>(key: K, value: ChatSettings[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setRange = (index: number, change: Partial<OpeningRange>) =>
    set('openingHours', draft.openingHours.map((range, i) => (i === index ? { ...range, ...change } : range)));

  return (
    <Drawer opened={opened} onClose={onClose} title={t('settings.title')} position="right" size="md">
      <Stack gap="md">
        <Switch label={t('settings.open')} description={t('settings.openHelp')} checked={draft.open} onChange={(event) => set('open', event.currentTarget.checked)} />
        <Stack gap={6}>
          <Text fw={600}>{t('settings.hours')}</Text>
          <Text c="dimmed" fz="sm">
            {t('settings.hoursHelp')}
          </Text>
          {draft.openingHours.map((range, index) => (
            <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
              <NativeSelect
                label={t('settings.day')}
                value={String(range.day)}
                data={DAYS.map((day) => ({ value: String(day), label: t(`settings.days.${day}` as 'settings.days.1') }))}
                onChange={(event) => setRange(index, { day: Number(event.currentTarget.value) })}
              />
              <TextInput type="time" label={t('settings.from')} value={range.from} onChange={(event) => setRange(index, { from: event.currentTarget.value })} />
              <TextInput type="time" label={t('settings.to')} value={range.to} onChange={(event) => setRange(index, { to: event.currentTarget.value })} />
              <ActionIcon variant="subtle" color="red" aria-label={t('settings.removeRange')} onClick={() => set('openingHours', draft.openingHours.filter((_, i) => i !== index))} mb={4}>
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            </Group>
          ))}
          {draft.openingHours.length < CHAT_OPENING_RANGES_MAX && (
            <Button variant="light" size="xs" w="fit-content" onClick={() => set('openingHours', [...draft.openingHours, { day: 1, from: '08:30', to: '16:30' }])}>
              {t('settings.addRange')}
            </Button>
          )}
        </Stack>
        <NumberInput label={t('settings.slowMode')} min={0} max={CHAT_SLOW_MODE_MAX_SECONDS} value={draft.slowModeSeconds} onChange={(value) => set('slowModeSeconds', Number(value) || 0)} />
        <NumberInput label={t('settings.editWindow')} min={0} max={CHAT_EDIT_WINDOW_MAX_MINUTES} value={draft.editWindowMinutes} onChange={(value) => set('editWindowMinutes', Number(value) || 0)} />
        <Switch label={t('settings.preModeration')} checked={draft.preModeration} onChange={(event) => set('preModeration', event.currentTarget.checked)} />
        <Switch
          label={t('settings.parentsRead')}
          description={t('settings.parentsReadHelp')}
          checked={draft.parentsRead}
          onChange={(event) => set('parentsRead', event.currentTarget.checked)}
          data-testid="chat-parents-read"
        />
        <Switch label={t('settings.parentsMayComment')} disabled={!draft.parentsRead} checked={parentsMayComment} onChange={(event) => setParentsMayComment(event.currentTarget.checked)} />
        <Button onClick={() => void save()} loading={status === 'saving'}>
          {t('settings.save')}
        </Button>
        {status === 'saved' && <Alert color="green" role="status">{t('settings.saved')}</Alert>}
        {status === 'failed' && <Alert color="red" role="alert">{t('settings.failed')}</Alert>}
        <SettingsReloadedNotice status={status} />
        <SpaceModerators space={room} />
        <SpaceLifecycle space={room} />
      </Stack>
    </Drawer>
  );
}
