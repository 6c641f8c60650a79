import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportPreviewPerson } from '../../../../shared/identity/import-preview';
import { useFeatureT } from '../../i18n/feature';
import { errorMessageKey } from '../../lib/errorMessage';
import { adminI18n } from './i18n';
import { RemoveModal } from './RemoveModal';

interface Props {
  preview: ImportPreview;
  /** The directory changed since the first preview: this one is new. */
  stale: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onEdit: () => void;
}

function PeopleList({ title, testId, children }: { title: string; testId: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section aria-label={title}>
      <Title order={3} fz="md" mb={4}>
        {title}
      </Title>
      <List size="sm" spacing={2} data-testid={testId}>
        {children}
      </List>
    </section>
  );
}

/**
 * A pupil of the class absent from the file, and « Retirer de l'école » (after the removal's confirmation): a pupil
 * who left the school is closed at once, not kept until someone thinks of it (issue 17, Deliver 3).
 */
function LeftOutPupil({ person, removed, onRemove }: { person: ImportPreviewPerson; removed: boolean; onRemove: (user: { id: string; displayName: string }) => void }) {
  const { t } = useFeatureT(adminI18n);
  const { userId } = person;
  return (
    <Group gap="xs" wrap="wrap">
      <span>{person.displayName}</span>
      {removed ? (
        <Badge color="gray" variant="light" tt="none">
          {t('remove.removed')}
        </Badge>
      ) : (
        userId !== undefined && (
          <Button size="compact-sm" variant="subtle" color="red" aria-label={t('remove.openLabel', { name: person.displayName })} onClick={() => onRemove({ id: userId, displayName: person.displayName })}>
            {t('remove.open')}
          </Button>
        )
      )}
    </Group>
  );
}

/** What the import will do, in counts and lists, and « Confirmer l'import »: nothing is saved before. */
export function ImportPreviewPanel({ preview, stale, pending, error, onConfirm, onEdit }: Props) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<{ id: string; displayName: string } | null>(null);
  const [removed, setRemoved] = useState<string[]>([]);
  const nameOf = (person: ImportPreviewPerson): string =>
    person.kind === 'parent' ? t('admin.import.parentLabel', { name: person.displayName }) : person.displayName;
  const pupils = preview.created.filter((person) => person.kind === 'pupil').length;
  const parents = preview.created.length - pupils;
  const counts = [
    t('admin.import.countCreated', { count: pupils }),
    ...(parents > 0 ? [t('admin.import.countParents', { count: parents })] : []),
    t('admin.import.countUpdated', { count: preview.updated.length }),
    t('admin.import.countMoved', { count: preview.moved.length }),
    t('admin.import.countLeftOut', { count: preview.leftOut.length }),
  ].join(', ');
  const nothing = preview.created.length + preview.updated.length + preview.moved.length === 0;

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="apercu-import">
      <Stack gap="md">
        <Title order={2} id="apercu-import">
          {t('admin.import.previewTitle')}
        </Title>
        {stale && (
          <Alert color="orange" variant="light" role="alert">
            {t('admin.import.stale')}
          </Alert>
        )}
        <Text>{t(preview.format === 'onde' ? 'admin.import.formatOnde' : 'admin.import.formatClassList')}</Text>
        <Text fw={600} data-testid="import-counts">
          {counts}
          {preview.unchanged > 0 && ` (${t('admin.import.countUnchanged', { count: preview.unchanged })})`}
        </Text>
        <Text c="dimmed">{nothing ? t('admin.import.nothingToDo') : t('admin.import.previewIntro')}</Text>
        <PeopleList title={t('admin.import.listCreated')} testId="import-created">
          {preview.created.map((person) => (
            <List.Item key={`${person.kind}:${person.line ?? ''}:${person.displayName}`}>{nameOf(person)}</List.Item>
          ))}
        </PeopleList>
        <PeopleList title={t('admin.import.listUpdated')} testId="import-updated">
          {preview.updated.map((person) => (
            <List.Item key={`${person.kind}:${person.login ?? person.displayName}`}>
              {t('admin.import.updatedFields', { name: nameOf(person), fields: person.fields.map((field) => t(`admin.import.fields.${field}`)).join(', ') })}
            </List.Item>
          ))}
        </PeopleList>
        <PeopleList title={t('admin.import.listMoved')} testId="import-moved">
          {preview.moved.map((person) => (
            <List.Item key={person.login ?? person.displayName}>{t('admin.import.movedFrom', { name: person.displayName, classes: person.fromClasses.join(', ') })}</List.Item>
          ))}
        </PeopleList>
        <PeopleList title={t('admin.import.listLeftOut')} testId="import-left-out">
          {preview.leftOut.map((person) => (
            <List.Item key={person.login ?? person.displayName}>
              <LeftOutPupil person={person} removed={person.userId !== undefined && removed.includes(person.userId)} onRemove={setRemoving} />
            </List.Item>
          ))}
        </PeopleList>
        <RemoveModal user={removing} onClose={() => setRemoving(null)} onRemoved={(userId) => setRemoved((done) => [...done, userId])} />
        {error !== null && error !== undefined && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(error))}
          </Alert>
        )}
        <Group>
          <Button onClick={onConfirm} loading={pending}>
            {t('admin.import.confirm')}
          </Button>
          <Button variant="default" onClick={onEdit} disabled={pending}>
            {t('admin.import.edit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
