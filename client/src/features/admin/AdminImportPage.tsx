import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportApplied, ImportPreview } from '../../../../shared/identity/import-preview';
import { ApiError } from '../../lib/api';
import { isForbidden, QueryStatus } from '../errors/QueryStatus';
import { ImportForm } from './ImportForm';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportResult } from './ImportResult';
import { useClassList } from './useClasses';
import { useApplyImport, usePreviewImport, type ImportInput } from './useImport';

type Stage = { step: 'form' } | { step: 'preview'; preview: ImportPreview; stale: boolean } | { step: 'done'; applied: ImportApplied };

/**
 * *Import de rentrée*: a class list in; its preview (who is created, updated, moved, left out); once confirmed,
 * the new accounts and their connection sheets out.
 */
export function AdminImportPage() {
  const { t } = useTranslation();
  const classes = useClassList();
  const apply = useApplyImport();
  const previewAgain = usePreviewImport();
  const [input, setInput] = useState<ImportInput | undefined>(undefined);
  const [stage, setStage] = useState<Stage>({ step: 'form' });

  function confirm(preview: ImportPreview) {
    if (!input) return;
    apply.mutate(
      { ...input, token: preview.token },
      {
        onSuccess: (applied) => setStage({ step: 'done', applied }),
        // The directory changed since the preview: nothing was saved; the director reads the new plan.
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            previewAgain.mutate(input, { onSuccess: (fresh) => setStage({ step: 'preview', preview: fresh, stale: true }) });
          }
        },
      },
    );
  }
  const restart = () => {
    apply.reset();
    setStage({ step: 'form' });
  };

  return (
    <Stack gap="lg" maw={960}>
      <title>{t('admin.import.pageTitle')}</title>
      <Title order={1}>{t('admin.import.title')}</Title>
      {classes.isError && isForbidden(classes.error) ? (
        <QueryStatus query={classes} loadingLabel="" />
      ) : stage.step === 'done' ? (
        <>
          <Alert color="green" variant="light" role="status">
            {t('admin.import.applied', stage.applied.counts)}
          </Alert>
          {stage.applied.accounts.length > 0 && <ImportResult accounts={stage.applied.accounts} />}
          <Button
            variant="default"
            onClick={() => {
              setInput(undefined);
              restart();
            }}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('admin.import.again')}
          </Button>
        </>
      ) : stage.step === 'preview' ? (
        <ImportPreviewPanel
          preview={stage.preview}
          stale={stage.stale}
          pending={apply.isPending || previewAgain.isPending}
          error={apply.error instanceof ApiError && apply.error.status === 409 ? null : apply.error}
          onConfirm={() => confirm(stage.preview)}
          onEdit={restart}
        />
      ) : (
        <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }}>
          <Text mb="xs">{t('admin.import.intro')}</Text>
          <Text mb="md">{t('admin.import.recognition')}</Text>
          <ImportForm
            {...(input ? { initial: input } : {})}
            onPreview={(preview, from) => {
              setInput(from);
              apply.reset();
              setStage({ step: 'preview', preview, stale: false });
            }}
          />
        </Paper>
      )}
    </Stack>
  );
}
