import { Alert, Box, Button, Group, Select, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ClassSummary } from '../../../../shared/identity/api';
import { SPACE_KINDS, type SpaceKind } from '../../../../shared/spaces/types';
import { ApiError } from '../../lib/api';
import { useFeatureT } from '../../i18n/feature';
import { EMPTY_START, startFields, TemplatePicker, type WallStart } from '../space-copy/TemplatePicker';
import { spacesI18n } from './i18n';
import { spacePath } from './spacePath';
import { useCreateSpace } from './useSpaces';

/** A teacher creates a wall, pad, forum or chat room for one of their classes. */
export function CreateSpaceForm({ classes }: { classes: ClassSummary[] }) {
  const { t } = useFeatureT(spacesI18n);
  const navigate = useNavigate();
  const create = useCreateSpace();
  const [kind, setKind] = useState<SpaceKind>('wall');
  const [title, setTitle] = useState('');
  const [classId, setClassId] = useState<string | null>(classes[0]?.id ?? null);
  const [start, setStart] = useState<WallStart>(EMPTY_START);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!classId || !title.trim()) return;
    create.mutate(
      { kind, title: title.trim(), scope: { kind: 'class', classId }, ...(kind === 'wall' ? startFields(start) : {}) },
      { onSuccess: (space) => void navigate(spacePath(space.kind, space.id)) },
    );
  };

  return (
    <form onSubmit={submit} aria-label={t('create.title')}>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={t('create.kind')}
          data={SPACE_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value as SpaceKind)}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput label={t('create.name')} value={title} onChange={(event) => setTitle(event.currentTarget.value)} required maxLength={120} w={{ base: '100%', xs: 260 }} />
        <Select
          label={t('create.class')}
          data={classes.map((item) => ({ value: item.id, label: item.name }))}
          value={classId}
          onChange={setClassId}
          allowDeselect={false}
          w={{ base: '100%', xs: 160 }}
        />
        <Button type="submit" loading={create.isPending} disabled={!title.trim() || !classId}>
          {t('create.submit')}
        </Button>
      </Group>
      {kind === 'wall' && (
        <Box mt="sm" maw={560}>
          <TemplatePicker value={start} onChange={setStart} ownWalls={[]} />
        </Box>
      )}
      {create.isError && (
        <Alert color="red" variant="light" role="alert" mt="sm">
          {create.error instanceof ApiError && create.error.code === 'FORBIDDEN' ? t('create.forbidden') : t('create.failed')}
        </Alert>
      )}
    </form>
  );
}
