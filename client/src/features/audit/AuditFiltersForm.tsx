import { Button, Group, Select, SimpleGrid, type ComboboxData } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClassSummary, PublicUser } from '../../../../shared/identity/api';
import { PROFILES, type Profile } from '../../../../shared/identity/profiles';
import { SPACE_KINDS } from '../../../../shared/spaces/types';
import { DateRangeFields } from './DateRangeFields';
import { personName } from './describeEntry';
import { groupedEvents } from './events';
import { AUDIT_STATUSES, NO_FILTERS, type AuditFilters } from './filters';
import { useAuditT, type AuditT } from './i18n';
import type { AuditNames } from './useAuditNames';

interface AuditFiltersFormProps {
  filters: AuditFilters;
  onChange: (next: AuditFilters) => void;
  names: AuditNames;
  classes: ClassSummary[];
  /** A reader of classes must pick one of them; a reader of the school (the director) may read it all. */
  schoolWide: boolean;
}

const isProfile = (value: string): value is Profile => (PROFILES as readonly string[]).includes(value);
const byName = (a: PublicUser, b: PublicUser) => a.displayName.localeCompare(b.displayName, 'fr');

/** The people to pick an author from: the class's pupils and teachers, or the school grouped by profile. */
function actorOptions(names: AuditNames, selected: string | null, t: AuditT, profileLabel: (profile: string) => string): ComboboxData {
  const option = (user: PublicUser) => ({ value: user.id, label: user.displayName });
  let groups: { group: string; items: { value: string; label: string }[] }[];
  if (names.directory) {
    const byProfile = new Map<string, PublicUser[]>();
    for (const user of names.directory) {
      const profile = user.profiles[0] ?? 'other';
      byProfile.set(profile, [...(byProfile.get(profile) ?? []), user]);
    }
    groups = [...byProfile].map(([profile, users]) => ({ group: profileLabel(profile), items: users.sort(byName).map(option) }));
  } else {
    groups = [
      { group: t('people.pupils'), items: [...(names.members?.pupils ?? [])].sort(byName).map(option) },
      { group: t('people.teachers'), items: [...(names.members?.teachers ?? [])].sort(byName).map(option) },
    ].filter((group) => group.items.length > 0);
  }
  // A chosen author outside the lists (from a link) must still show in the field.
  if (selected && !groups.some((group) => group.items.some((item) => item.value === selected))) {
    groups.push({ group: t('people.others'), items: [{ value: selected, label: personName(names, selected, t) }] });
  }
  return groups;
}

/** Author, class, space, event type, outcome and period; every change goes back to page 1. */
export function AuditFiltersForm({ filters, onChange, names, classes, schoolWide }: AuditFiltersFormProps) {
  const { t, event } = useAuditT();
  const { t: tMain } = useTranslation();
  const set = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch });
  const profileLabel = (profile: string) => (isProfile(profile) ? tMain(`profiles.${profile}`) : t('people.others'));

  const spaces = [...names.spaces.values()].filter(
    (space) => !filters.classId || (space.scope.kind === 'class' && space.scope.classId === filters.classId),
  );
  const spaceOptions = SPACE_KINDS.map((kind) => ({
    group: t(`groups.${kind}`),
    items: spaces.filter((space) => space.kind === kind).map((space) => ({ value: space.id, label: space.title })),
  })).filter((group) => group.items.length > 0);
  const eventOptions = groupedEvents().map(({ group, events }) => ({
    group: t(`groups.${group}`),
    items: events.map((name) => ({ value: name, label: event(name) })),
  }));
  const common = { clearable: true, searchable: true, nothingFoundMessage: t('filters.nothingFound'), maxDropdownHeight: 360 };

  return (
    <form role="search" aria-label={t('filters.legend')} onSubmit={(submit) => submit.preventDefault()}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
        <Select
          label={t('filters.class')}
          placeholder={schoolWide ? t('filters.allClasses') : undefined}
          data={classes.map((item) => ({ value: item.id, label: item.name }))}
          value={filters.classId}
          onChange={(classId) => set({ classId, actor: null, spaceId: null })}
          clearable={schoolWide}
          allowDeselect={schoolWide}
          required={!schoolWide}
        />
        <Select
          {...common}
          label={t('filters.actor')}
          placeholder={t('filters.allActors')}
          data={actorOptions(names, filters.actor, t, profileLabel)}
          value={filters.actor}
          onChange={(actor) => set({ actor })}
          limit={200}
        />
        <Select
          {...common}
          label={t('filters.event')}
          placeholder={t('filters.allEvents')}
          data={eventOptions}
          value={filters.event}
          onChange={(value) => set({ event: value as AuditFilters['event'] })}
        />
        <Select
          {...common}
          label={t('filters.space')}
          placeholder={t('filters.allSpaces')}
          data={spaceOptions}
          value={filters.spaceId}
          onChange={(spaceId) => set({ spaceId })}
        />
        <Select
          label={t('filters.status')}
          placeholder={t('filters.allStatuses')}
          data={AUDIT_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
          value={filters.status}
          onChange={(value) => set({ status: value as AuditFilters['status'] })}
          clearable
        />
      </SimpleGrid>
      <Group mt="sm" align="flex-end" gap="sm">
        <DateRangeFields from={filters.from} to={filters.to} onChange={set} width="11rem" />
        <Button variant="subtle" onClick={() => onChange({ ...NO_FILTERS, classId: schoolWide ? null : filters.classId })}>
          {t('filters.reset')}
        </Button>
      </Group>
    </form>
  );
}
