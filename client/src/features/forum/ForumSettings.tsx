import { Alert, Button, Drawer, NumberInput, Stack, Switch, Textarea } from '@mantine/core';
import { FORUM_EDIT_WINDOW_MAX_MINUTES, FORUM_RULES_MAX_CHARS } from '../../../../shared/forum/limits';
import { forumSettingsOf } from '../../../../shared/forum/settings';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { useForumT } from './i18n';
import { SettingsReloadedNotice } from '../spaces/SettingsReloadedNotice';
import { DuplicateSpaceButton } from '../space-copy/DuplicateSpaceButton';
import { SpaceLifecycle } from '../spaces/lifecycle/SpaceLifecycle';
import { SpaceModerators } from '../spaces/SpaceModerators';
import { useSettingsDraft } from '../spaces/useSettingsDraft';

/**
 * The teacher's settings of a forum: edit window, pre-moderation, rules, parents' replies. Saved with the version
 * the form was loaded from (`useSettingsDraft`): a save made on stale settings is refused and the form reloaded.
 */
export function ForumSettings({ forum, opened, onClose }: { forum: SpaceSummary; opened: boolean; onClose: () => void }) {
  const { t } = useForumT();
  const { draft, setDraft, parentsMayComment, setParentsMayComment, status, save } = useSettingsDraft(forum, forumSettingsOf);
  return (
    <Drawer opened={opened} onClose={onClose} title={t('settings.title')} position="right" size="md">
      <Stack gap="md">
        <NumberInput
          label={t('settings.editWindow')}
          min={0}
          max={FORUM_EDIT_WINDOW_MAX_MINUTES}
          value={draft.editWindowMinutes}
          onChange={(value) => setDraft({ ...draft, editWindowMinutes: Number(value) || 0 })}
        />
        <Switch label={t('settings.preModeration')} checked={draft.preModeration} onChange={(event) => setDraft({ ...draft, preModeration: event.currentTarget.checked })} />
        <Switch label={t('settings.parentsMayComment')} checked={parentsMayComment} onChange={(event) => setParentsMayComment(event.currentTarget.checked)} />
        <Textarea label={t('settings.rules')} value={draft.rules} maxLength={FORUM_RULES_MAX_CHARS} autosize minRows={4} onChange={(event) => setDraft({ ...draft, rules: event.currentTarget.value })} />
        <Button onClick={() => void save()} loading={status === 'saving'}>
          {t('settings.save')}
        </Button>
        {status === 'saved' && <Alert color="green" role="status">{t('settings.saved')}</Alert>}
        {status === 'failed' && <Alert color="red" role="alert">{t('settings.failed')}</Alert>}
        <SettingsReloadedNotice status={status} />
        <SpaceModerators space={forum} />
        <SpaceLifecycle space={forum} />
        <DuplicateSpaceButton space={forum} />
      </Stack>
    </Drawer>
  );
}
