import { Checkbox, Radio, Select, Stack, Text } from '@mantine/core';
import { WALL_TEMPLATE_IDS, WALL_TEMPLATES, type WallTemplateId } from '../../../../shared/wall/templates';
import { useSpaceCopyT } from './i18n';

/** How a new wall starts: empty, from a template (with its examples or not), or from one of the teacher's walls. */
export interface WallStart {
  template: WallTemplateId | null;
  withExamples: boolean;
  fromSpaceId: string | null;
}

export const EMPTY_START: WallStart = { template: null, withExamples: false, fromSpaceId: null };

/** The fields a start adds to the creation request (nothing for an empty wall). */
export function startFields(start: WallStart): Record<string, unknown> {
  if (start.template) return { template: start.template, withExamples: start.withExamples };
  if (start.fromSpaceId) return { fromSpaceId: start.fromSpaceId };
  return {};
}

/** « Partir d'un modèle »: each template with a preview of its columns, and « avec des exemples ». */
export function TemplatePicker({ value, onChange, ownWalls }: { value: WallStart; onChange: (start: WallStart) => void; ownWalls: readonly { id: string; title: string }[] }) {
  const t = useSpaceCopyT();
  const sectionsOf = (id: WallTemplateId): string => {
    const sections = WALL_TEMPLATES[id].settings.sections;
    return sections.length > 0 ? t('start.sections', { list: sections.map((section) => section.title).join(' · ') }) : t('start.noSections');
  };
  return (
    <Stack gap="xs">
      <Radio.Group label={t('start.label')} value={value.template ?? ''} onChange={(template) => onChange({ ...value, template: (template || null) as WallTemplateId | null, fromSpaceId: null })}>
        <Stack gap={6} mt={4}>
          <Radio value="" label={t('start.empty')} description={t('start.emptyDescription')} data-testid="template-empty" />
          {WALL_TEMPLATE_IDS.map((id) => (
            <Radio
              key={id}
              value={id}
              data-testid={`template-${id}`}
              label={t(`templates.${id}.title`)}
              description={
                <>
                  {t(`templates.${id}.description`)}
                  <Text component="span" display="block" fz="xs" c="dimmed">
                    {sectionsOf(id)}
                  </Text>
                </>
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      {value.template && (
        <Checkbox label={t('start.examples')} description={t('start.examplesHint')} checked={value.withExamples} onChange={(event) => onChange({ ...value, withExamples: event.currentTarget.checked })} />
      )}
      {ownWalls.length > 0 && (
        <Select
          label={t('start.fromWall')}
          data={[{ value: '', label: t('start.fromWallNone') }, ...ownWalls.map((wall) => ({ value: wall.id, label: wall.title }))]}
          value={value.fromSpaceId ?? ''}
          onChange={(id) => onChange({ ...EMPTY_START, fromSpaceId: id || null })}
          allowDeselect={false}
        />
      )}
    </Stack>
  );
}
