import { ActionIcon, Alert, Button, Drawer, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SpaceSummary, SpaceView } from '../../../../shared/spaces/types';
import { TOUCH_TARGET_PX, touchTarget } from '../../app/layout/media';
import { WALL_MAX_SECTIONS, WALL_SECTION_TITLE_MAX } from '../../../../shared/wall/limits';
import { WALL_BACKGROUNDS, WALL_LAYOUTS, WALL_POSTERS, WALL_REACTIONS, WALL_STREAM_ORDERS, wallSettingsOf, type WallSection, type WallSettings } from '../../../../shared/wall/settings';
import { useWallT } from './i18n';
import { SettingsReloadedNotice } from '../spaces/SettingsReloadedNotice';
import { SpaceLifecycle } from '../spaces/lifecycle/SpaceLifecycle';
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
  // The newest space known (from the page, or from this drawer's last save) and the titles as typed: a change is
  // built from them when it is sent, so a column renamed and not yet left is kept by the next change.
  const latest = useRef<SpaceSummary>(space);
  useEffect(() => {
    if (space.version > latest.current.version) latest.current = space;
  }, [space]);
  const typed = useRef<Record<string, string>>({});
  const type = (sectionId: string, title: string) => {
    typed.current = { ...typed.current, [sectionId]: title };
    setTitles(typed.current);
  };
  // One save at a time, each from the version the previous one left (a rename sent on leaving the field and
  // « Ajouter une colonne » pressed at once would otherwise both name the same version, and one be refused).
  const queue = useRef<Promise<void>>(Promise.resolve());

  const patch = (change: (current: SpaceSummary) => { settings?: Partial<WallSettings>; parentsMayComment?: boolean }) => {
    queue.current = queue.current.then(async () => {
      const current = latest.current;
      const body = change(current);
      setError(null);
      setStatus('saving');
      const outcome = await saveSpaceSettings(space.id, { settings: body.settings ?? {}, parentsMayComment: body.parentsMayComment ?? current.parentsMayComment }, current.version);
      if (outcome.status === 'failed') setError(t('errors.other'));
      else {
        if (outcome.space.version >= latest.current.version) latest.current = outcome.space;
        onSaved(outcome.space);
      }
      setStatus(outcome.status);
    });
  };
  const set = (change: Partial<WallSettings>) => patch(() => ({ settings: change }));
  const sections = [...settings.sections].sort((a, b) => a.order - b.order);
  /** The wall's columns as they are now, with the titles typed and not yet saved. */
  const currentSections = (current: SpaceSummary): WallSection[] =>
    [...wallSettingsOf(current.settings).sections]
      .sort((a, b) => a.order - b.order)
      .map((section) => ({ ...section, title: typed.current[section.id]?.trim() || section.title }));
  const saveSections = (next: (current: WallSection[]) => WallSection[]) =>
    patch((current) => ({ settings: { sections: next(currentSections(current)).map((section, index) => ({ ...section, order: index })) } }));
  const move = (id: string, by: number) =>
    saveSections((list) => {
      const index = list.findIndex((section) => section.id === id);
      if (index < 0 || index + by < 0 || index + by >= list.length) return list;
      const next = [...list];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      return next;
    });

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
            onChange={(layout) => set({ layout: layout as WallSettings['layout'] })}
            data={WALL_LAYOUTS.map((layout) => ({ value: layout, label: t(`layouts.${layout}`) }))}
            aria-label={t('settings.layout')}
          />
        </div>
        {settings.layout === 'stream' && (
          <div>
            <Text fz="sm" fw={500} mb={4} id="wall-stream-order">
              {t('settings.streamOrder')}
            </Text>
            <SegmentedControl
              fullWidth
              value={settings.streamOrder}
              onChange={(order) => set({ streamOrder: order as WallSettings['streamOrder'] })}
              data={WALL_STREAM_ORDERS.map((order) => ({ value: order, label: t(`settings.streamOrders.${order}`) }))}
              aria-labelledby="wall-stream-order"
              data-testid="wall-stream-order"
            />
          </div>
        )}
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
                  onChange={(event) => type(section.id, event.currentTarget.value)}
                  onBlur={() => {
                    const title = (titles[section.id] ?? section.title).trim();
                    if (title && title !== section.title) saveSections((list) => list);
                  }}
                  style={{ flex: 1 }}
                />
                <ActionIcon variant="subtle" size={TOUCH_TARGET_PX} disabled={index === 0} aria-label={t('settings.sectionUp', { title: section.title })} onClick={() => move(section.id, -1)}>
                  ↑
                </ActionIcon>
                <ActionIcon variant="subtle" size={TOUCH_TARGET_PX} disabled={index === sections.length - 1} aria-label={t('settings.sectionDown', { title: section.title })} onClick={() => move(section.id, 1)}>
                  ↓
                </ActionIcon>
                <ActionIcon variant="subtle" color="red" size={TOUCH_TARGET_PX} aria-label={t('settings.removeSection', { title: section.title })} onClick={() => saveSections((list) => list.filter((s) => s.id !== section.id))}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              style={touchTarget}
              disabled={sections.length >= WALL_MAX_SECTIONS}
              onClick={() => {
                const id = newSectionId();
                saveSections((list) => (list.length >= WALL_MAX_SECTIONS ? list : [...list, { id, title: t('settings.newSection', { index: list.length + 1 }), order: list.length }]));
              }}
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
          onChange={(background) => background && set({ background: background as WallSettings['background'] })}
        />
        <Select
          label={t('settings.whoCanPost')}
          value={settings.whoCanPost}
          allowDeselect={false}
          data={WALL_POSTERS.map((who) => ({ value: who, label: t(`settings.posters.${who}`) }))}
          onChange={(who) => who && set({ whoCanPost: who as WallSettings['whoCanPost'] })}
        />
        <Switch label={t('settings.preModeration')} checked={settings.preModeration} onChange={(event) => set({ preModeration: event.currentTarget.checked })} />
        <Switch label={t('settings.comments')} checked={settings.comments} onChange={(event) => set({ comments: event.currentTarget.checked })} />
        <Switch label={t('settings.parentsMayComment')} checked={space.parentsMayComment} onChange={(event) => {
            // Read now: the change is built when its turn comes, after the event is gone.
            const parentsMayComment = event.currentTarget.checked;
            patch(() => ({ parentsMayComment }));
          }} data-testid="wall-parents-may-comment" />
        <Select
          label={t('settings.reaction')}
          value={settings.reaction}
          allowDeselect={false}
          data={WALL_REACTIONS.map((reaction) => ({ value: reaction, label: t(`settings.reactionTypes.${reaction}`) }))}
          onChange={(reaction) => reaction && set({ reaction: reaction as WallSettings['reaction'] })}
        />
        <Switch label={t('settings.lockedPositions')} checked={settings.lockedPositions} onChange={(event) => set({ lockedPositions: event.currentTarget.checked })} />
        <Switch label={t('settings.everyoneEdits')} checked={settings.everyoneEdits} onChange={(event) => set({ everyoneEdits: event.currentTarget.checked })} />
        <SpaceModerators space={space} />
        <SpaceLifecycle space={space} />
      </Stack>
    </Drawer>
  );
}
