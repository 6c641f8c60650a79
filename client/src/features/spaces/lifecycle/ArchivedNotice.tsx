import { Alert } from '@mantine/core';
import { useFeatureT } from '../../../i18n/feature';
import { lifecycleI18n } from './i18n';

/** « Archivé » at the top of a space's page: it reads, nobody writes (follows the space live). */
export function ArchivedNotice({ space }: { space: { archived?: boolean } }) {
  const { t } = useFeatureT(lifecycleI18n);
  if (!space.archived) return null;
  return (
    <Alert color="gray" variant="light" role="status" data-testid="space-archived">
      {t('archivedNotice')}
    </Alert>
  );
}
