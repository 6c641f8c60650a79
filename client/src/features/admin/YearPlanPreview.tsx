import { Alert, List, Stack, Text, Title } from '@mantine/core';
import type { YearSwitchPlan } from '../../../../shared/schoolyear/types';
import { useFeatureT } from '../../i18n/feature';
import { adminI18n } from './i18n';

/** What opening the year will do (or did): archives, new classes, moves, pupils without a class, resets. */
export function YearPlanPreview({ plan, language }: { plan: YearSwitchPlan; language: string }) {
  const { t } = useFeatureT(adminI18n);
  const until = new Date(plan.visibleUntil).toLocaleDateString(language, { day: 'numeric', month: 'long', year: 'numeric' });
  const nameOf = (classId: string | null) => plan.archived.find((found) => found.id === classId)?.name ?? '';

  return (
    <Stack gap="md">
      <section aria-labelledby="annee-archives">
        <Title order={3} fz="md" id="annee-archives">
          {t('schoolYear.preview.archived', { until })}
        </Title>
        <List>
          {plan.archived.map((found) => (
            <List.Item key={found.id}>{t('schoolYear.preview.archivedClass', { name: found.name, year: found.schoolYear, count: found.spaces })}</List.Item>
          ))}
        </List>
      </section>
      <section aria-labelledby="annee-classes">
        <Title order={3} fz="md" id="annee-classes">
          {t('schoolYear.preview.created', { year: plan.schoolYear })}
        </Title>
        <List>
          {plan.created.map((found) => (
            <List.Item key={found.name}>
              {t('schoolYear.preview.createdClass', { name: found.name, count: found.pupils })}{' '}
              {found.teachers.length > 0
                ? t('schoolYear.preview.teachers', { names: found.teachers.map((teacher) => teacher.displayName).join(', ') })
                : t('schoolYear.preview.noTeacher')}
            </List.Item>
          ))}
        </List>
      </section>
      <section aria-labelledby="annee-passages">
        <Title order={3} fz="md" id="annee-passages">
          {t('schoolYear.preview.moved', { count: plan.moved.length })}
        </Title>
        <List>
          {plan.moved.map((pupil) => (
            <List.Item key={pupil.id}>{t('schoolYear.preview.move', { name: pupil.displayName, from: nameOf(pupil.fromClassId), to: pupil.toClass })}</List.Item>
          ))}
        </List>
      </section>
      {plan.withoutClass.length > 0 && (
        <Alert color="orange" variant="light" title={t('schoolYear.preview.withoutClass', { count: plan.withoutClass.length })}>
          <List>
            {plan.withoutClass.map((pupil) => (
              <List.Item key={pupil.id}>{t('schoolYear.preview.withoutClassPupil', { name: pupil.displayName, from: nameOf(pupil.fromClassId) })}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Text>{t('schoolYear.preview.designations', { count: plan.designationsReset })}</Text>
      <Text c="dimmed">{plan.rulesReset ? t('schoolYear.preview.rulesReset') : t('schoolYear.preview.rulesPending')}</Text>
    </Stack>
  );
}
