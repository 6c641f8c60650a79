import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { QueryStatus } from '../errors/QueryStatus';
import { useFamily } from './api';
import { ChildWeeks } from './ChildWeeks';
import { useFamilyT } from './i18n';

const CHILD_PARAM = 'enfant';

/**
 * `/famille`, a parent's home: one tab per child, « Cette semaine » then earlier weeks as one scrolls, each entry
 * newest first with who wrote it and a link to it. The server shows only what the parent may read.
 */
export function FamilyPage() {
  const { t } = useFamilyT();
  const family = useFamily();
  const [params, setParams] = useSearchParams();
  const children = family.data?.children ?? [];
  const wanted = params.get(CHILD_PARAM);
  const selected = children.find((child) => child.id === wanted)?.id ?? children[0]?.id ?? null;

  return (
    <Stack gap="lg" maw={760} w="100%">
      <title>{t('family.pageTitle')}</title>
      <div>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('family.title')}
        </Title>
        <Text c="dimmed">{t('family.intro')}</Text>
      </div>
      <QueryStatus query={family} loadingLabel={t('family.loading')} />
      {family.data && children.length === 0 && <Text>{t('family.noChildren')}</Text>}
      {selected && (
        <Tabs
          value={selected}
          onChange={(value) => value && setParams({ [CHILD_PARAM]: value }, { replace: true })}
          keepMounted={false}
          variant="pills"
        >
          <Tabs.List aria-label={t('family.tabsLabel')} mb="md">
            {children.map((child) => (
              <Tabs.Tab key={child.id} value={child.id}>
                {child.classes.length > 0 ? t('family.childTab', { name: child.displayName, classes: child.classes.map((found) => found.name).join(', ') }) : child.displayName}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {children.map((child) => (
            <Tabs.Panel key={child.id} value={child.id}>
              <ChildWeeks childId={child.id} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
