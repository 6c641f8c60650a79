import { Alert } from '@mantine/core';
import { useFeatureT } from '../../i18n/feature';
import { spacesI18n } from './i18n';
import type { SaveStatus } from './useSettingsDraft';

/**
 * Says that a save was refused because another teacher changed the space's settings meanwhile, and that the form
 * now shows them (`useSettingsDraft`'s `reloaded` status). Render it next to the form's save button.
 */
export function SettingsReloadedNotice({ status }: { status: SaveStatus }) {
  const { t } = useFeatureT(spacesI18n);
  if (status !== 'reloaded') return null;
  return (
    <Alert color="orange" variant="light" role="alert" data-testid="settings-reloaded">
      {t('settings.reloaded')}
    </Alert>
  );
}
