import { Alert, Button, CloseButton, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SPACE_BIN_RETENTION_DAYS } from '../../../../../shared/spaces/limits';
import type { SpaceSummary, SpaceView } from '../../../../../shared/spaces/types';
import { touchTarget } from '../../../app/layout/media';
import { paths } from '../../../app/paths';
import { useFeatureT } from '../../../i18n/feature';
import { rightsOf } from '../rights';
import { useArchiveSpace, useColleagues, useCoOwner, useDeleteSpace } from './api';
import { lifecycleI18n } from './i18n';

/**
 * « Archiver », « Supprimer » (to the bin, after a confirmation) and « Co-enseignants », in a space's settings:
 * for those who run it (`configure`, sent with the space: its teachers, co-owners, the director). Each change is
 * audited by the server and reaches every open page of the space live.
 */
export function SpaceLifecycle({ space }: { space: SpaceSummary | SpaceView }) {
  if (!rightsOf(space).configure) return null;
  return <Lifecycle space={space} />;
}

function Lifecycle({ space }: { space: SpaceSummary }) {
  const { t } = useFeatureT(lifecycleI18n);
  const navigate = useNavigate();
  const archive = useArchiveSpace(space.id);
  const remove = useDeleteSpace(space.id);
  const [confirming, setConfirming] = useState(false);
  const failed = archive.isError || remove.isError;

  return (
    <Stack gap={6} component="section" aria-labelledby={`vie-${space.id}`} data-testid="space-lifecycle">
      <Text fz="sm" fw={500} id={`vie-${space.id}`}>
        {t('title')}
      </Text>
      <Text fz="xs" c="dimmed">
        {t('archiveHelp')}
      </Text>
      {failed && (
        <Alert color="red" variant="light" role="alert">
          {t('failed')}
        </Alert>
      )}
      <Group gap="xs">
        <Button variant="light" size="compact-sm" loading={archive.isPending} onClick={() => archive.mutate(!space.archived)} style={touchTarget} data-testid="space-archive">
          {space.archived ? t('unarchive') : t('archive')}
        </Button>
        <Button variant="light" color="red.8" size="compact-sm" onClick={() => setConfirming(true)} style={touchTarget} data-testid="space-delete">
          {t('delete')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('deleteTitle', { title: space.title })} centered>
        <Text mb="md">{t(`deleteExplain.${space.kind}`, { days: SPACE_BIN_RETENTION_DAYS })}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </Button>
          <Button
            color="red.8"
            loading={remove.isPending}
            data-testid="space-delete-confirm"
            onClick={() =>
              // Away from the page at once: the space is gone for everyone viewing it (the server puts them out).
              void remove.mutateAsync().then(
                () => navigate(paths.dashboard),
                () => setConfirming(false),
              )
            }
          >
            {t('confirmDelete')}
          </Button>
        </Group>
      </Modal>
      <CoOwners space={space} />
    </Stack>
  );
}

/** « Co-enseignants »: the colleagues who run the space too; « Ajouter un collègue » lists the school's teachers. */
function CoOwners({ space }: { space: SpaceSummary }) {
  const { t } = useFeatureT(lifecycleI18n);
  const colleagues = useColleagues(space.id);
  const coOwner = useCoOwner(space.id);
  const nameOf = (id: string) => colleagues.data?.find((colleague) => colleague.id === id)?.displayName ?? t('coOwners.unknown');
  const candidates = (colleagues.data ?? []).filter((colleague) => !space.coOwnerIds.includes(colleague.id));

  return (
    <Stack gap={4} component="section" aria-labelledby={`coenseignants-${space.id}`} data-testid="space-co-owners">
      <Text fz="sm" fw={500} id={`coenseignants-${space.id}`}>
        {t('coOwners.title')}
      </Text>
      <Text fz="xs" c="dimmed">
        {t('coOwners.help')}
      </Text>
      {space.coOwnerIds.length === 0 && <Text fz="sm">{t('coOwners.none')}</Text>}
      {space.coOwnerIds.map((id) => (
        <Group key={id} gap="xs" justify="space-between" wrap="nowrap">
          <Text fz="sm">{nameOf(id)}</Text>
          <CloseButton aria-label={t('coOwners.remove', { name: nameOf(id) })} disabled={coOwner.isPending} onClick={() => coOwner.mutate({ userId: id, add: false })} />
        </Group>
      ))}
      <Select
        label={t('coOwners.add')}
        placeholder={t('coOwners.placeholder')}
        data={candidates.map((colleague) => ({ value: colleague.id, label: colleague.displayName }))}
        value={null}
        searchable
        disabled={coOwner.isPending || candidates.length === 0}
        onChange={(userId) => userId && coOwner.mutate({ userId, add: true })}
        data-testid="space-co-owner-add"
      />
      {coOwner.isError && (
        <Alert color="red" variant="light" role="alert">
          {t('failed')}
        </Alert>
      )}
    </Stack>
  );
}
