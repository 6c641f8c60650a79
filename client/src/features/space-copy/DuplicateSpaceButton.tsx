import { Alert, Button, Checkbox, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DashboardResponse } from '../../../../shared/identity/api';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { touchTarget } from '../../app/layout/media';
import { ApiError, apiRequest } from '../../lib/api';
import { createsIn } from '../../lib/capabilities';
import { useMe } from '../auth/useSession';
import { spacePath } from '../spaces/spacePath';
import { duplicateSpace } from './api';
import { useSpaceCopyT } from './i18n';

/**
 * « Dupliquer » a wall, pad or forum: its name, the class it goes to (one the user may create in: their classes,
 * any class for the director), the structure only or with its content, and, for another class, whether the
 * pupils' contributions go too (unticked by default). Shown to those who configure the space; the server decides.
 */
export function DuplicateSpaceButton({ space }: { space: SpaceSummary }) {
  const t = useSpaceCopyT();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [title, setTitle] = useState('');
  const sourceClass = space.scope.kind === 'class' ? space.scope.classId : null;
  const [classId, setClassId] = useState<string | null>(sourceClass);
  const [content, setContent] = useState<'structure' | 'content'>('structure');
  const [pupils, setPupils] = useState(false);
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: ({ signal }) => apiRequest<DashboardResponse>('/api/dashboard', { signal }), enabled: opened });
  const classes = (dashboard.data?.classes ?? []).filter((item) => createsIn(me.capabilities, item.id));
  const moved = classId !== null && classId !== sourceClass;
  const pad = space.kind === 'pad';
  const duplicate = useMutation({
    mutationFn: () =>
      duplicateSpace(space.id, {
        title: title.trim() || t('duplicate.copySuffix', { title: space.title }).slice(0, 120),
        ...(classId ? { target: { kind: 'class' as const, classId } } : {}),
        content: content === 'content',
        pupilsContent: moved && pupils,
      }),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['walls'] });
      setOpened(false);
      void navigate(spacePath(result.space.kind, result.space.id));
    },
  });
  const error = duplicate.error instanceof ApiError ? duplicate.error : null;

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)} style={touchTarget} data-testid="space-duplicate">
        {t('duplicate.open')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('duplicate.title', { title: space.title })}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            duplicate.mutate();
          }}
        >
          <Stack gap="sm">
            <TextInput label={t('duplicate.name')} placeholder={t('duplicate.copySuffix', { title: space.title })} value={title} onChange={(event) => setTitle(event.currentTarget.value)} maxLength={120} />
            {classes.length > 0 && (
              <Select label={t('duplicate.target')} description={t('duplicate.nextYear')} data={classes.map((item) => ({ value: item.id, label: item.name }))} value={classId} onChange={setClassId} allowDeselect={false} />
            )}
            <Radio.Group label={t('duplicate.content')} value={content} onChange={(value) => setContent(value as 'structure' | 'content')}>
              <Stack gap={6} mt={4}>
                <Radio value="structure" label={t(pad ? 'duplicate.structurePad' : 'duplicate.structure')} />
                <Radio value="content" label={t(pad ? 'duplicate.withContentPad' : 'duplicate.withContent')} />
              </Stack>
            </Radio.Group>
            {content === 'content' && moved && <Checkbox label={t('duplicate.pupils')} description={t('duplicate.pupilsHint')} checked={pupils} onChange={(event) => setPupils(event.currentTarget.checked)} />}
            <Text fz="sm" c="dimmed">
              {t('duplicate.notCopied')}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error.code === 'FORBIDDEN' ? t('duplicate.forbidden') : error.code === 'PAYLOAD_TOO_LARGE' ? t('duplicate.quota') : t('duplicate.failed')}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('duplicate.cancel')}
              </Button>
              <Button type="submit" loading={duplicate.isPending}>
                {t('duplicate.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
