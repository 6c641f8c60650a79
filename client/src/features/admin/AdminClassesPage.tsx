import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { classRosterPath } from '../../app/paths';
import { isForbidden, QueryStatus } from '../errors/QueryStatus';
import { useMe } from '../auth/useSession';
import { CreateClassForm } from './CreateClassForm';
import { DeletionDelaySetting } from './DeletionDelaySetting';
import { PasswordChangeSetting } from './PasswordChangeSetting';
import { schoolYearPath } from './useSchoolYear';
import { adminI18n } from './i18n';
import { useFeatureT } from '../../i18n/feature';
import { useClassList } from './useClasses';

/** The school's classes, each opening its roster, and a form to create one (director and admin). */
export function AdminClassesPage() {
  const { t } = useTranslation();
  const { t: adminT } = useFeatureT(adminI18n);
  const classes = useClassList();
  const me = useMe();
  const forbidden = classes.isError && isForbidden(classes.error);

  return (
    <Stack gap="lg" maw={960}>
      <title>{t('admin.classes.pageTitle')}</title>
      <Group justify="space-between">
        <Title order={1}>{t('admin.classes.title')}</Title>
        {!forbidden && (
          <Button component={Link} to={schoolYearPath} variant="default">
            {adminT('schoolYear.title')}
          </Button>
        )}
      </Group>
      <QueryStatus query={classes} loadingLabel={t('admin.classes.loading')} />
      {classes.data && (
        <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }}>
          {classes.data.length === 0 ? (
            <Text c="dimmed">{t('admin.classes.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.classes.name')}</Table.Th>
                    <Table.Th scope="col">{t('admin.classes.level')}</Table.Th>
                    <Table.Th scope="col">{t('admin.classes.schoolYear')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {classes.data.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={classRosterPath(item.id)} fw={600}>
                          {item.name}
                        </Anchor>
                        {item.archivedAt !== null && (
                          <Badge variant="light" color="gray" ml="sm">
                            {adminT('schoolYear.archivedClass')}
                          </Badge>
                        )}
                      </Table.Th>
                      <Table.Td>{item.level}</Table.Td>
                      <Table.Td>{item.schoolYear}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
      {!forbidden && (
        <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }}>
          <CreateClassForm />
        </Paper>
      )}
      <PasswordChangeSetting enabled={me.capabilities.manageSchool} />
      <DeletionDelaySetting enabled={me.capabilities.manageSchool} />
    </Stack>
  );
}
