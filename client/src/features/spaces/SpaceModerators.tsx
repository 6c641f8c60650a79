import { Alert, Checkbox, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SpaceSummary, SpaceView } from '../../../../shared/spaces/types';
import { useFeatureT } from '../../i18n/feature';
import { spacesI18n } from './i18n';
import { apiRequest } from '../../lib/api';
import { useClassMembers } from '../admin/useClasses';
import { rightsOf } from './rights';
import { spaceKeys } from './useSpaces';

/**
 * « Élèves modérateurs »: those who run the space (`configure`, sent with it: its teachers, the director) designate
 * pupils of the class who may hide published contributions pending review and approve others' first publications.
 * Each change is audited and takes effect live, for the pupil too (their menu and rights follow without a reload).
 */
export function SpaceModerators({ space }: { space: SpaceSummary | SpaceView }) {
  if (!rightsOf(space).configure || space.scope.kind !== 'class') return null;
  return <ClassPupilModerators space={space} classId={space.scope.classId} />;
}

function ClassPupilModerators({ space, classId }: { space: SpaceSummary; classId: string }) {
  const { t } = useFeatureT(spacesI18n);
  const client = useQueryClient();
  const members = useClassMembers(classId);
  // Our change shows at once, until the space's live state catches up (or a newer change, another teacher's,
  // replaces it); a refused change goes back.
  const [ours, setOurs] = useState<{ ids: string[]; version: number } | null>(null);
  const moderatorIds = ours && ours.version >= space.version ? ours.ids : space.moderatorIds;
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const toggle = async (userId: string, designate: boolean) => {
    setBusy(userId);
    setFailed(false);
    setOurs({ ids: designate ? [...moderatorIds, userId] : moderatorIds.filter((id) => id !== userId), version: space.version });
    try {
      const path = `/api/spaces/${encodeURIComponent(space.id)}/moderators`;
      const updated = designate
        ? await apiRequest<SpaceSummary>(path, { method: 'POST', body: { userId } })
        : await apiRequest<SpaceSummary>(`${path}/${encodeURIComponent(userId)}`, { method: 'DELETE' });
      setOurs({ ids: updated.moderatorIds, version: updated.version });
      // The space's version and moderators changed: what this tab holds of it is read again.
      void client.invalidateQueries({ queryKey: spaceKeys.one(space.id) });
      void client.invalidateQueries({ queryKey: spaceKeys.list });
    } catch {
      setOurs(null);
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap={6} component="section" aria-labelledby={`moderateurs-${space.id}`} data-testid="space-moderators">
      <Text fz="sm" fw={500} id={`moderateurs-${space.id}`}>
        {t('moderators.title')}
      </Text>
      <Text fz="xs" c="dimmed">
        {t('moderators.help')}
      </Text>
      {failed && (
        <Alert color="red" variant="light" role="alert">
          {t('moderators.failed')}
        </Alert>
      )}
      {members.isLoading && <Text fz="sm">{t('moderators.loading')}</Text>}
      {members.data?.pupils.length === 0 && <Text fz="sm">{t('moderators.none')}</Text>}
      {members.data?.pupils.map((pupil) => (
        <Checkbox
          key={pupil.id}
          label={pupil.displayName}
          checked={moderatorIds.includes(pupil.id)}
          disabled={busy !== null}
          onChange={(event) => void toggle(pupil.id, event.currentTarget.checked)}
        />
      ))}
    </Stack>
  );
}
