import { Alert, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Charter } from '../../../../shared/identity/api';
import { PROFILES, type Profile } from '../../../../shared/identity/profiles';
import { formatDate } from '../../lib/format';
import { isForbidden, QueryStatus } from '../errors/QueryStatus';
import { CharterEditor } from './CharterEditor';
import { useCharterHistory } from './useCharterAdmin';

/** The director edits each profile's charter; every edit is a new version that must be accepted again. */
export function AdminCharterPage() {
  const { t, i18n } = useTranslation();
  const [profile, setProfile] = useState<Profile>('pupil');
  const [published, setPublished] = useState<Charter | null>(null);
  const history = useCharterHistory(profile);
  const versions = history.data ? [...history.data].sort((a, b) => b.version - a.version) : [];
  const latest = versions[0];

  return (
    <Stack gap="lg" maw={960}>
      <title>{t('admin.charter.pageTitle')}</title>
      <Title order={1}>{t('admin.charter.title')}</Title>
      {!(history.isError && isForbidden(history.error)) && (
        <Select
          label={t('admin.charter.profile')}
          data={PROFILES.map((value) => ({ value, label: t(`profiles.${value}`) }))}
          value={profile}
          onChange={(value) => {
            if (!value) return;
            setProfile(value as Profile);
            setPublished(null);
          }}
          allowDeselect={false}
          maw={320}
        />
      )}
      <QueryStatus query={history} loadingLabel={t('admin.charter.loading')} />
      {published && (
        <Alert color="green" variant="light" role="status">
          {t('admin.charter.published', { version: published.version })}
        </Alert>
      )}
      {history.data && (
        <>
          <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }}>
            {/* A new key per profile and version: the form restarts from the latest text. */}
            <CharterEditor key={`${profile}:${latest?.version ?? 0}`} profile={profile} latest={latest} onPublished={setPublished} />
          </Paper>
          <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="versions">
            <Title order={2} id="versions" mb="sm">
              {t('admin.charter.history')}
            </Title>
            {versions.length === 0 ? (
              <Text c="dimmed">{t('admin.charter.noHistory')}</Text>
            ) : (
              <List spacing={4}>
                {versions.map((version) => (
                  <List.Item key={version.id}>
                    {t('admin.charter.versionLine', { version: version.version, title: version.title, date: formatDate(version.publishedAt, i18n.language) })}
                  </List.Item>
                ))}
              </List>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
