import { Alert, Group, Paper, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { DISPLAY_FONTS, TEXT_SCALES, type DisplayFont, type DisplayPreferences } from '../../../../../shared/display/limits';
import { useFeatureT } from '../../../i18n/feature';
import { useMe } from '../../auth/useSession';
import { storedDisplayPreferences } from './apply';
import { displayI18n } from './i18n';
import { useDisplayPreferences, useSaveDisplayPreferences } from './useDisplay';

/** « Affichage »: a reading font, the text size (100–150 %) and an increased contrast, kept with the account (« tu » to a pupil: the `_pupil` forms). */
export function DisplayCard() {
  const { t } = useFeatureT(displayI18n);
  const me = useMe();
  const current = useDisplayPreferences(me.user.id).data ?? storedDisplayPreferences();
  const save = useSaveDisplayPreferences(me.user.id);
  const change = (patch: Partial<DisplayPreferences>) => save.mutate({ ...current, ...patch });

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="mon-affichage" data-testid="display-card">
      <Title order={2} id="mon-affichage" mb="xs">
        {t('title')}
      </Title>
      <Text c="dimmed" mb="md">
        {t('intro')}
      </Text>
      <Stack gap="lg">
        <Radio.Group label={t('font')} value={current.font} onChange={(value) => change({ font: value as DisplayFont })}>
          <Stack gap="xs" mt="xs">
            {DISPLAY_FONTS.map((font) => (
              <Radio key={font} value={font} label={t(`fonts.${font}`)} data-testid={`display-font-${font}`} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group label={t('size')} value={String(current.textScale)} onChange={(value) => change({ textScale: Number(value) })}>
          <Group gap="md" mt="xs">
            {TEXT_SCALES.map((scale) => (
              <Radio key={scale} value={String(scale)} label={t('sizeValue', { value: scale })} data-testid={`display-size-${scale}`} />
            ))}
          </Group>
        </Radio.Group>
        <Switch
          label={t('contrast')}
          description={t('contrastHint')}
          checked={current.contrast === 'high'}
          onChange={(event) => change({ contrast: event.currentTarget.checked ? 'high' : 'normal' })}
          data-testid="display-contrast"
        />
        <div aria-live="polite">
          {save.isSuccess && <Text fz="sm" c="dimmed">{t('saved')}</Text>}
          {save.isError && (
            <Alert color="red" variant="light" role="alert">
              {t('failed')}
            </Alert>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
