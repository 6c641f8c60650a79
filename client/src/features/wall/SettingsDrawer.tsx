import { ActionIcon, Alert, Button, Drawer, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SpaceSummary, SpaceView } from '../../../../shared/spaces/types';
import { WALL_MAX_SECTIONS, WALL_SECTION_TITLE_MAX } from '../../../../shared/wall/limits';
import { WALL_BACKGROUNDS, WALL_LAYOUTS, WALL_POSTERS, WALL_REACTIONS, wallSettingsOf, type WallSection, type WallSettings } from '../../../../shared/wall/settings';
import { useWallT } from './i18n';
import { SettingsReloadedNotice } from '../spaces/SettingsReloadedNotice';
import { SpaceModerators } from '../spaces/SpaceModerators';
import { saveSpaceSettings, type SaveStatus } from '../spaces/useSettingsDraft';

interface SettingsDrawerProps {
  space: SpaceView;
  opened: boolean;
  onClose: () => void;
  /** The space as it is now, after a save (or read again after someone else's change): the next save names its version. */
  onSaved: (space: SpaceSummary) => void;
}

const newSectionId = () => `s${Math.random().toString(36).slice(2, 10)}`;

/**
 * The teacher's settings (shown only to those who configure the wall): each change is sent at once, with the
 * version of the settings it was made from, and applied live on every screen. When another teacher changed them
 * meanwhile, nothing is saved: the drawer shows the current settings and says so.
 */
export function SettingsDrawer({ space, opened, onClose, onSaved }: SettingsDrawerProps) {
  const { t } = useWallT();
  const settings = wallSettingsOf(space.settings);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [titles, setTitles] = useState<Record<string, string>>({});

  const patch = async (body: { settings?: Partial<WallSettings>; parentsMayComment?: boolean }) => {
    setError(null);
    setStatus('saving');
    const outcome = await saveSpaceSettings(space.id, { settings: body.settings ?? {}, parentsMayComment: body.parentsMayComment ?? space.parentsMayComment }, space.version);
    if (outcome.status === 'failed') setError(t('errors.other'));
    else onSaved(outcome.space);
    setStatus(outcome.status);
  };
  const sections = [...settings.sections].sort((a, b) => a.order - b.order);
  const saveSections = (next: WallSection[]) => patch({ settings: { sections: next.map((section, index) => ({ ...section, order: index })) } });
  const move = (index: number, by: number) => {
    const next = [...sections];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    void saveSections(next);
  };

  return (
    <Drawer opened={opened} onClose={onClose} title={t('settings.title')} position="right" size="md">
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t('settings.liveHint')}
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        <SettingsReloadedNotice status={status} />
        <div>
          <Text fz="sm" fw={500} mb={4}>
            {t('settings.layout')}
          </Text>
          <SegmentedControl
            fullWidth
            value={settings.layout}
            onChange={(layout) => void patch({ settings: { layout: layout as WallSettings['layout'] } })}
            data={WALL_LAYOUTS.map((layout) => ({ value: layout, label: t(`layouts.${layout}`) }))}
            aria-label={t('settings.layout')}
          />
        </div>
        {settings.layout === 'columns' && (
          <Stack gap={6}>
            <Text fz="sm" fw={500}>
              {t('settings.sections')}
            </Text>
            {sections.map((section, index) => (
              <Group key={section.id} gap={4} wrap="nowrap">
                <TextInput
                  aria-label={t('settings.sectionTitle', { index: index + 1 })}
                  value={titles[section.id] ?? section.title}
                  maxLength={WALL_SECTION_TITLE_MAX}
                  onChange={(event) => setTitles({ ...titles, [section.id]: event.currentTarget.value })}
                  onBlur={() => {
                    const title = (titles[section.id] ?? section.title).trim();
                    if (title && title !== section.title) void saveSections(sections.map((s) => (s.id === section.id ? { ...s, title } : s)));
                  }}
                  style={{ flex: 1 }}
                />
                <ActionIcon variant="subtle" disabled={index === 0} aria-label={t('settings.sectionUp', { title: section.title })} onClick={() => move(index, -1)}>
                  ↑
                </ActionIcon>
                <ActionIcon variant="subtle" disabled={index === sections.length - 1} aria-label={t('settings.sectionDown', { title: section.title })} onClick={() => move(index, 1)}>
                  ↓
                </ActionIcon>
                <ActionIcon variant="subtle" color="red" aria-label={t('settings.removeSection', { title: section.title })} onClick={() => void saveSections(sections.filter((s) => s.id !== section.id))}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              disabled={sections.length >= WALL_MAX_SECTIONS}
              onClick={() => void saveSections([...sections, { id: newSectionId(), title: t('settings.newSection', { index: sections.length + 1 }), order: sections.length }])}
            >
              {t('settings.addSection')}
            </Button>
            <Text fz="xs" c="dimmed">
              {t('settings.sectionsHint')}
            </Text>
          </Stack>
        )}
        <Select
          label={t('settings.background')}
          value={settings.background}
          allowDeselect={false}
          data={WALL_BACKGROUNDS.map((background) => ({ value: background, label: t(`backgrounds.${background}`) }))}
          onChange={(background) => background && void patch({ settings: { background: background as WallSettings['background'] } })}
        />
        <Select
          label={t('settings.whoCanPost')}
          value={settings.whoCanPost}
          allowDeselect={false}
          data={WALL_POSTERS.map((who) => ({ value: who, label: t(`settings.posters.${who}`) }))}
          onChange={(who) => who && void patch({ settings: { whoCanPost: who as WallSettings['whoCanPost'] } })}
        />
        <Switch label={t('settings.preModeration')} checked={settings.preModeration} onChange={(event) => void patch({ settings: { preModeration: event.currentTarget.checked } })} />
        <Switch label={t('settings.comments')} checked={settings.comments} onChange={(event) => void patch({ settings: { comments: event.currentTarget.checked } })} />
        <Switch label={t('settings.parentsMayComment')} checked={space.parentsMayComment} onChange={(event) => void patch({ parentsMayComment: event.currentTarget.checked })} data-testid="wall-parents-may-comment" />
        <Select
          label={t('settings.reaction')}
          value={settings.reaction}
          allowDeselect={false}
          data={WALL_REACTIONS.map((reaction) => ({ value: reaction, label: t(`settings.reactionTypes.${reaction}`) }))}
          onChange={(reaction) => reaction && void patch({ settings: { reaction: reaction as WallSettings['reaction'] } })}
        />
        <Switch label={t('settings.lockedPositions')} checked={settings.lockedPositions} onChange={(event) => void patch({ settings: { lockedPositions: event.currentTarget.checked } })} />
        <Switch label={t('settings.everyoneEdits')} checked={settings.everyoneEdits} onChange={(event) => void patch({ settings: { everyoneEdits: event.currentTarget.checked } })} />
        <SpaceModerators space={space} />
      </Stack>
    </Drawer>
  );
}
