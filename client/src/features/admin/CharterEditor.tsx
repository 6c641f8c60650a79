import { Alert, Button, Paper, Stack, Tabs, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Charter } from '../../../../shared/identity/api';
import type { Profile } from '../../../../shared/identity/profiles';
import { CharterEditSchema } from '../../../../shared/identity/schemas';
import { errorMessageKey } from '../../lib/errorMessage';
import { Markdown } from '../../lib/markdown';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { usePublishCharter } from './useCharterAdmin';

/**
 * Edits the latest version of a charter (Markdown) with a preview; publishing makes a new version (the page then
 * remounts this form on it, so the confirmation is the page's).
 */
export function CharterEditor({ profile, latest, onPublished }: { profile: Profile; latest: Charter | undefined; onPublished: (charter: Charter) => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const publish = usePublishCharter(onPublished);
  const [title, setTitle] = useState(latest?.title ?? '');
  const [body, setBody] = useState(latest?.body ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(CharterEditSchema, { profile, title, body });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) publish.mutate(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {publish.isError && (
          <Alert color="red" variant="light" role="alert">
            {t(errorMessageKey(publish.error))}
          </Alert>
        )}
        <TextInput label={t('admin.charter.titleLabel')} required value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={fieldError(errors.title)} />
        <Tabs defaultValue="write" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="write">{t('admin.charter.write')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('admin.charter.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="sm">
            <Textarea
              label={t('admin.charter.body')}
              description={t('admin.charter.bodyHint')}
              required
              autosize
              minRows={12}
              maxRows={30}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              error={fieldError(errors.body)}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="sm">
            <Paper withBorder radius="md" p="md">
              <Markdown source={body} headingOrder={3} />
            </Paper>
          </Tabs.Panel>
        </Tabs>
        <Alert color="orange" variant="light">
          {t('admin.charter.warning')}
        </Alert>
        <Button type="submit" loading={publish.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.charter.publish')}
        </Button>
      </Stack>
    </form>
  );
}
