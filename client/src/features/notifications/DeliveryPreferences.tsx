import { NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DELIVERIES, NOTIFICATION_KINDS, type Delivery, type NotificationKind, type NotificationPreferences } from '../../../../shared/notifications/types';
import { useSpaces } from '../spaces/useSpaces';
import { useNotificationsT } from './i18n';

/** The kinds one chooses a delivery for (a quiet-hours summary is not a choice: it comes when something was held). */
const CHOSEN_KINDS = NOTIFICATION_KINDS.filter((kind) => kind !== 'quietSummary');
const INHERIT = 'inherit';

interface DeliveryPreferencesProps {
  value: NotificationPreferences;
  onChange: (next: NotificationPreferences) => void;
}

/** Per kind: live, daily summary or off; per space: like the kinds, or its own (off mutes the space). */
export function DeliveryPreferences({ value, onChange }: DeliveryPreferencesProps) {
  const { t, tt } = useNotificationsT();
  const spaces = useSpaces();
  const deliveries = DELIVERIES.map((delivery) => ({ value: delivery, label: t(`prefs.deliveries.${delivery}`) }));

  const setKind = (kind: NotificationKind, delivery: Delivery) => onChange({ ...value, kinds: { ...value.kinds, [kind]: delivery } });
  const setSpace = (spaceId: string, choice: string) => {
    const { [spaceId]: _dropped, ...others } = value.spaces;
    onChange({ ...value, spaces: choice === INHERIT ? others : { ...others, [spaceId]: choice as Delivery } });
  };

  return (
    <Stack gap="lg">
      <section aria-labelledby="prefs-kinds">
        <Title order={2} id="prefs-kinds" fz="h3" mb="xs">
          {t('prefs.byKind')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {CHOSEN_KINDS.map((kind) => (
            <NativeSelect
              key={kind}
              label={tt(`prefs.kinds.${kind}`)}
              data={deliveries}
              value={value.kinds[kind] ?? 'live'}
              onChange={(event) => setKind(kind, event.currentTarget.value as Delivery)}
              data-testid={`prefs-kind-${kind}`}
            />
          ))}
        </SimpleGrid>
      </section>
      <section aria-labelledby="prefs-spaces">
        <Title order={2} id="prefs-spaces" fz="h3" mb="xs">
          {t('prefs.bySpace')}
        </Title>
        <Text fz="sm" c="dimmed" mb="xs">
          {tt('prefs.bySpaceIntro')}
        </Text>
        {spaces.data?.length === 0 && <Text c="dimmed">{t('prefs.noSpaces')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {(spaces.data ?? [])
            .filter((space) => space.kind !== 'chat')
            .map((space) => (
              <NativeSelect
                key={space.id}
                label={space.title}
                data={[{ value: INHERIT, label: t('prefs.deliveries.inherit') }, ...deliveries]}
                value={value.spaces[space.id] ?? INHERIT}
                onChange={(event) => setSpace(space.id, event.currentTarget.value)}
                data-testid={`prefs-space-${space.id}`}
              />
            ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
