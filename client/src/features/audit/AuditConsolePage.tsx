import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_EXPORT_MAX_ROWS } from '../../../../shared/moderation/limits';
import { readsAudit } from '../../lib/capabilities';
import { useMe } from '../auth/useSession';
import { AccessDenied } from '../errors/AccessDenied';
import { QueryStatus } from '../errors/QueryStatus';
import { useAuditLog } from './api';
import { AuditFiltersForm } from './AuditFiltersForm';
import { ChainCheck } from './ChainCheck';
import { ClassPupils } from './ClassPupils';
import { EntryList } from './EntryList';
import { AUDIT_PAGE_SIZE, auditQuery, exportHref, filtersFromParams, filtersToParams, rangeError, type AuditFilters } from './filters';
import { useAuditT } from './i18n';
import { Pager } from './Pager';
import { ReadersSection } from './ReadersSection';
import { useAuditNames, useReadableClasses } from './useAuditNames';

/**
 * The audit console, from the rights the server sent (`capabilities.audit`): a reader of some classes (their
 * teachers) reads the events of one of them, a reader of the school (the director) those of the whole school
 * (and checks the chain, and sees who read the log). Filters live in the URL, so a view can be
 * reloaded, shared with a colleague who may see it, or come back to from a pupil's activity.
 */
export function AuditConsolePage() {
  const { t, language } = useAuditT();
  const me = useMe();
  const schoolWide = me.capabilities.audit.school;
  const [params, setParams] = useSearchParams();
  const { filters: asked, page } = filtersFromParams(params);
  const { classes, ready } = useReadableClasses(me.capabilities.audit);
  // A reader of classes always reads one of them (the server requires it): the asked one, else the first.
  // Anyone else gets no class at all, so that no roster is even asked for on their behalf.
  const readable = classes.some((item) => item.id === asked.classId) ? asked.classId : (classes[0]?.id ?? null);
  const classId = schoolWide ? asked.classId : readable;
  const filters: AuditFilters = { ...asked, classId };
  const names = useAuditNames({ schoolWide, classId, classes });
  const allowed = schoolWide || classId !== null;
  const log = useAuditLog(auditQuery(filters, { page, pageSize: AUDIT_PAGE_SIZE }), allowed);
  const [technical, setTechnical] = useState(false);
  // A reversed period is not applied: no file is offered that would not say what the reader asked for.
  const reversed = rangeError(filters.from, filters.to) !== null;

  const change = (next: AuditFilters, nextPage = 1) => setParams(filtersToParams(next, nextPage));
  const pupilIds = new Set((names.members?.pupils ?? []).map((pupil) => pupil.id));
  const canOpenActivity = (userId: string) => (schoolWide ? names.people.has(userId) : pupilIds.has(userId));
  const className = classes.find((item) => item.id === classId)?.name ?? '';

  if (!readsAudit(me.capabilities)) return <AccessDenied />;
  return (
    <Stack gap="lg" maw={1200}>
      <title>{t('console.pageTitle')}</title>
      <div>
        <Title order={1}>{t('console.title')}</Title>
        <Text c="dimmed">{schoolWide ? t('console.introDirector') : t('console.introTeacher')}</Text>
      </div>
      {!schoolWide && !ready && (
        <Text role="status" c="dimmed">
          {t('console.loading')}
        </Text>
      )}
      {!schoolWide && ready && classId === null && (
        <Text role="status" fz="lg">
          {t('console.noClass')}
        </Text>
      )}
      {allowed && (
        <>
          <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }}>
            <AuditFiltersForm filters={filters} onChange={change} names={names} classes={classes} schoolWide={schoolWide} />
          </Paper>
          <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} aria-busy={log.isFetching}>
            <Stack gap="md">
              <Group justify="space-between" align="center" wrap="wrap" gap="sm">
                <Text fw={600} aria-live="polite" data-testid="audit-total">
                  {log.data ? t('console.total', { count: log.data.total }) : ''}
                </Text>
                <Group gap="sm" align="center">
                  <Checkbox
                    label={t('export.technical')}
                    description={t('export.technicalHint')}
                    checked={technical}
                    onChange={(event) => setTechnical(event.currentTarget.checked)}
                    maw="18rem"
                  />
                  <Button variant="default" onClick={() => void log.refetch()} loading={log.isFetching}>
                    {t('console.refresh')}
                  </Button>
                  {/* A link, not a fetch: the browser downloads the file with the session cookie (a GET needs no CSRF token).
                      The theme's auto-height buttons only centre their label in a <button>, hence inline-flex. */}
                  {reversed ? (
                    <Button disabled>{t('export.button')}</Button>
                  ) : (
                    <Button component="a" href={exportHref(filters, technical)} download style={{ display: 'inline-flex', alignItems: 'center' }}>
                      {t('export.button')}
                    </Button>
                  )}
                </Group>
              </Group>
              <Text fz="sm" c="dimmed">
                {t('export.hint', { max: AUDIT_EXPORT_MAX_ROWS.toLocaleString(language) })}
              </Text>
              <QueryStatus query={log} loadingLabel={t('console.loading')} />
              {log.data && (
                <>
                  <EntryList
                    entries={log.data.items}
                    names={names}
                    label={t('entries.label')}
                    canOpenActivity={canOpenActivity}
                    emptyText={t('entries.none')}
                  />
                  <Pager total={log.data.total} pageSize={AUDIT_PAGE_SIZE} page={page} onChange={(next) => change(filters, next)} />
                </>
              )}
            </Stack>
          </Paper>
          {classId && <ClassPupils names={names} className={className} />}
          {schoolWide && <ChainCheck />}
          {schoolWide && <ReadersSection names={names} schoolId={me.school.id} />}
        </>
      )}
    </Stack>
  );
}
