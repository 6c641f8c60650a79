import { Button, MultiSelect, Radio, Stack, Switch, Title } from '@mantine/core';
import { useState } from 'react';
import { PadSettingsSchema } from '../../../../shared/pad/settings';
import type { PadInfo } from '../../../../shared/pad/types';
import type { SpaceWriters } from '../../../../shared/policy/resources';
import { isConflict, usePadActions } from './api';
import { usePadT } from './i18n';
import { DuplicateSpaceButton } from '../space-copy/DuplicateSpaceButton';
import { SpaceLifecycle } from '../spaces/lifecycle/SpaceLifecycle';
import { SpaceModerators } from '../spaces/SpaceModerators';

const CHOICES = ['everyone', 'some', 'teachers'] as const;
type Choice = (typeof CHOICES)[number];

/** Who writes in the pad (the whole class, some pupils, the teacher only) and who sees its authors: live. */
export function PadSettingsSection({ info, onNotice }: { info: PadInfo; onNotice: (text: string, error?: boolean) => void }) {
  const { t } = usePadT();
  const actions = usePadActions(info.space.id);
  const current: Choice = info.space.writers === 'pupils' ? 'everyone' : info.space.writers;
  const [writers, setWriters] = useState<Choice>(current);
  const [writerIds, setWriterIds] = useState<string[]>(info.space.writerIds);
  const settings = PadSettingsSchema.parse(info.space.settings);
  // Saved from the version the section was loaded at: when another teacher saved meanwhile, nothing is saved,
  // the pad is read again (this section is keyed on the version, so it shows the current settings) and the
  // teacher is told to check them.
  const save = async (body: { writers?: SpaceWriters; writerIds?: string[]; settings?: Record<string, unknown> }) => {
    try {
      await actions.configure.mutateAsync({ ...body, version: info.space.version });
      onNotice(t('settings.saved'));
    } catch (error) {
      onNotice(isConflict(error) ? t('settings.conflict') : t('moderation.failed'), true);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="pad-settings">
      <Title order={3} fz="md" id="pad-settings">
        {t('settings.title')}
      </Title>
      <Radio.Group label={t('settings.writers')} value={writers} onChange={(value) => setWriters(value as Choice)}>
        <Stack gap={6} mt={4}>
          {CHOICES.map((choice) => (
            <Radio key={choice} value={choice} label={t(`settings.choices.${choice}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {writers === 'some' && (
        <MultiSelect label={t('settings.writerIds')} data={info.pupils.map((pupil) => ({ value: pupil.id, label: pupil.name }))} value={writerIds} onChange={setWriterIds} searchable />
      )}
      <Button variant="light" loading={actions.configure.isPending} onClick={() => void save({ writers, writerIds: writers === 'some' ? writerIds : [] })}>
        {t('settings.save')}
      </Button>
      <Switch
        mt="xs"
        label={t('settings.authorsForEveryone')}
        checked={settings.authorsVisibleTo === 'everyone'}
        onChange={(event) => void save({ settings: { authorsVisibleTo: event.currentTarget.checked ? 'everyone' : 'moderators' } })}
      />
      <SpaceModerators space={info.space} />
      <SpaceLifecycle space={info.space} />
      <DuplicateSpaceButton space={info.space} />
    </Stack>
  );
}
