import { Alert, Button, Group, MultiSelect, Paper, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewClassReq, YearSwitchReq, YearSwitchState } from '../../../../shared/schoolyear/types';
import { YEAR_ARCHIVE_VISIBLE_DAYS } from '../../../../shared/schoolyear/limits';
import { useFeatureT } from '../../i18n/feature';
import { ApiError } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { QueryStatus } from '../errors/QueryStatus';
import { adminI18n } from './i18n';
import { useOpenSchoolYear, usePreviewSchoolYear, useSchoolYearState } from './useSchoolYear';
import { YearPlanPreview } from './YearPlanPreview';

type Row = Required<NewClassReq>;

/** Last year's classes again by default: same name, level and teachers, each continuing its own class. */
const defaultRows = (state: YearSwitchState): Row[] =>
  state.classes.map((found) => ({ name: found.name, level: found.level, fromClassId: found.id, teacherIds: found.teacherIds }));

/**
 * « Nouvelle année scolaire » (director and admin): the new year's classes, where last year's pupils go and who
 * teaches, a preview of everything that will change, then the confirmation.
 */
export function NewSchoolYearPage() {
  const { t: appT } = useTranslation();
  const { t, language } = useFeatureT(adminI18n);
  const state = useSchoolYearState();
  const preview = usePreviewSchoolYear();
  const open = useOpenSchoolYear();
  const [year, setYear] = useState<string | null>(null);
  const [until, setUntil] = useState('');
  const [rows, setRows] = useState<Row[] | null>(null);

  const data = state.data;
  const current = rows ?? (data ? defaultRows(data) : []);
  const request: YearSwitchReq = {
    schoolYear: year ?? data?.nextYear ?? '',
    classes: current,
    ...(until ? { visibleUntil: new Date(`${until}T23:59:59`).getTime() } : {}),
  };
  const edit = (index: number, change: Partial<Row>) => {
    setRows(current.map((row, at) => (at === index ? { ...row, ...change } : row)));
    preview.reset();
  };
  const errorOf = (error: unknown) =>
    error instanceof ApiError && error.code === 'CONFLICT' ? t('schoolYear.stale') : appT(errorMessageKey(error));
  const teachers = (data?.teachers ?? []).map((teacher) => ({ value: teacher.id, label: teacher.displayName }));
  const fromOptions = [{ value: '', label: t('schoolYear.fromNone') }, ...(data?.classes ?? []).map((found) => ({ value: found.id, label: found.name }))];

  return (
    <Stack gap="lg" maw={1100}>
      <title>{t('schoolYear.pageTitle')}</title>
      <Title order={1}>{t('schoolYear.title')}</Title>
      <QueryStatus query={state} loadingLabel={t('schoolYear.loading')} />
      {data && !open.data && (
        <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }}>
          <Stack gap="md">
            <Text>{t('schoolYear.intro', { current: data.currentYear ?? '—', days: YEAR_ARCHIVE_VISIBLE_DAYS })}</Text>
            <Group align="end">
              <TextInput label={t('schoolYear.year')} value={request.schoolYear} onChange={(event) => { setYear(event.currentTarget.value); preview.reset(); }} />
              <TextInput type="date" label={t('schoolYear.until')} description={t('schoolYear.untilHint', { days: YEAR_ARCHIVE_VISIBLE_DAYS })} value={until} onChange={(event) => { setUntil(event.currentTarget.value); preview.reset(); }} />
            </Group>
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('schoolYear.className')}</Table.Th>
                    <Table.Th scope="col">{t('schoolYear.level')}</Table.Th>
                    <Table.Th scope="col">{t('schoolYear.from')}</Table.Th>
                    <Table.Th scope="col">{t('schoolYear.teachers')}</Table.Th>
                    <Table.Th scope="col"><VisuallyHidden>{t('schoolYear.remove')}</VisuallyHidden></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {current.map((row, index) => (
                    <Table.Tr key={index}>
                      <Table.Td><TextInput aria-label={t('schoolYear.className')} value={row.name} onChange={(event) => edit(index, { name: event.currentTarget.value })} /></Table.Td>
                      <Table.Td><TextInput aria-label={t('schoolYear.level')} value={row.level} onChange={(event) => edit(index, { level: event.currentTarget.value })} /></Table.Td>
                      <Table.Td><Select aria-label={t('schoolYear.from')} data={fromOptions} value={row.fromClassId ?? ''} onChange={(value) => edit(index, { fromClassId: value ? value : null })} allowDeselect={false} /></Table.Td>
                      <Table.Td><MultiSelect aria-label={t('schoolYear.teachers')} data={teachers} value={row.teacherIds} onChange={(value) => edit(index, { teacherIds: value })} searchable /></Table.Td>
                      <Table.Td>
                        <Button variant="subtle" color="red" onClick={() => { setRows(current.filter((_, at) => at !== index)); preview.reset(); }} aria-label={t('schoolYear.removeClass', { name: row.name })}>
                          {t('schoolYear.remove')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group>
              <Button variant="default" onClick={() => { setRows([...current, { name: '', level: '', fromClassId: null, teacherIds: [] }]); preview.reset(); }}>
                {t('schoolYear.addClass')}
              </Button>
              <Button onClick={() => preview.mutate(request)} loading={preview.isPending}>
                {t('schoolYear.previewButton')}
              </Button>
            </Group>
            {preview.isError && <Alert color="red" variant="light" role="alert">{errorOf(preview.error)}</Alert>}
          </Stack>
        </Paper>
      )}
      {preview.data && !open.data && (
        <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="annee-apercu">
          <Stack gap="md">
            <Title order={2} fz="lg" id="annee-apercu">{t('schoolYear.previewTitle', { year: preview.data.schoolYear })}</Title>
            <YearPlanPreview plan={preview.data} language={language} />
            {open.isError && <Alert color="red" variant="light" role="alert">{errorOf(open.error)}</Alert>}
            <Group>
              <Button color="red" onClick={() => open.mutate({ plan: request, fingerprint: preview.data.fingerprint })} loading={open.isPending}>
                {t('schoolYear.confirm', { year: preview.data.schoolYear })}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {open.data && (
        <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }}>
          <Stack gap="md">
            <Text role="status" c="green.9" fw={600}>{t('schoolYear.done', { year: open.data.schoolYear })}</Text>
            <YearPlanPreview plan={open.data} language={language} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
