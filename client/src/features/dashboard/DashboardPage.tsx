import { Alert, Anchor, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { createsIn, opensRoster } from '../../lib/capabilities';
import { errorMessageKey } from '../../lib/errorMessage';
import { useMe } from '../auth/useSession';
import { childWeekPath } from '../family/paths';
import { SpacesSection } from '../spaces/SpacesSection';
import { PlaceCards } from './PlaceCards';
import { useDashboard } from './useDashboard';

/** *Mon accueil*: my classes and groups, each child's for a parent, and my spaces. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const dashboard = useDashboard();
  const data = dashboard.data;
  // From the rights the server sent: who runs a class opens its roster and creates its spaces.
  const rosterOf = (classId: string) => opensRoster(me.capabilities, classId);
  const hasOwn = Boolean(data && (data.classes.length > 0 || data.groups.length > 0 || data.children.length === 0));
  // A class's card opens « Mon accueil » on that class's spaces (`?classe=`): the section is brought into view.
  const [search] = useSearchParams();
  const onlyClassId = search.get('classe');
  const spacesReady = Boolean(data);
  useEffect(() => {
    if (!onlyClassId || !spacesReady) return;
    const heading = document.getElementById('mes-espaces');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [onlyClassId, spacesReady]);

  return (
    <Stack gap="xl" maw={1100}>
      <title>{t('dashboard.pageTitle')}</title>
      <div>
        <Title order={1}>{t('dashboard.title', { name: me.user.displayName })}</Title>
        <Text c="dimmed" fz="lg">
          {me.school.name}
        </Text>
      </div>
      {dashboard.isPending && (
        <Center py="xl" role="status">
          <Loader aria-hidden="true" />
          <Text ml="sm">{t('dashboard.loading')}</Text>
        </Center>
      )}
      {dashboard.isError && (
        <Alert color="red" variant="light" role="alert">
          {t(errorMessageKey(dashboard.error))}
        </Alert>
      )}
      {data?.children.map(({ child, classes, groups }) => (
        <section key={child.id} aria-labelledby={`enfant-${child.id}`} data-testid="child-section">
          <Title order={2} id={`enfant-${child.id}`} mb="md">
            {classes.length > 0
              ? t('dashboard.childHeading', { name: child.displayName, classes: classes.map((item) => item.name).join(', ') })
              : child.displayName}
          </Title>
          <Anchor component={Link} to={childWeekPath(child.id)} display="block" mb="md">
            {t('dashboard.childWeek', { name: child.displayName })}
          </Anchor>
          {classes.length + groups.length > 0 ? (
            <PlaceCards classes={classes} groups={groups} titleOrder={3} />
          ) : (
            <Text c="dimmed">{t('dashboard.childNothing')}</Text>
          )}
        </section>
      ))}
      {data && hasOwn && (
        <>
          <section aria-labelledby="mes-classes">
            <Title order={2} id="mes-classes" mb="md">
              {t('dashboard.myClasses')}
            </Title>
            {data.classes.length > 0 ? (
              <PlaceCards classes={data.classes} groups={[]} titleOrder={3} rosterLinkFor={rosterOf} />
            ) : (
              <Text c="dimmed">{t('dashboard.noClasses')}</Text>
            )}
          </section>
          <section aria-labelledby="mes-groupes">
            <Title order={2} id="mes-groupes" mb="md">
              {t('dashboard.myGroups')}
            </Title>
            {data.groups.length > 0 ? <PlaceCards classes={[]} groups={data.groups} titleOrder={3} /> : <Text c="dimmed">{t('dashboard.noGroups')}</Text>}
          </section>
        </>
      )}
      <SpacesSection classes={[...(data?.classes ?? []), ...(data?.children.flatMap((child) => child.classes) ?? [])]} onlyClassId={onlyClassId} creatableClasses={(data?.classes ?? []).filter((item) => createsIn(me.capabilities, item.id))} />
    </Stack>
  );
}
