import { Alert, Button, Code, FileInput, List, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '../../../../shared/errors';
import type { ImportPreview } from '../../../../shared/identity/import-preview';
import { ImportCsvSchema } from '../../../../shared/identity/schemas';
import { ApiError } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { readCsvFile } from './csvFile';
import { useImportIssueWords } from './importIssues';
import { useClassList } from './useClasses';
import { usePreviewImport, type ImportInput } from './useImport';

const EXAMPLE = 'nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom\nMartin;Léa;Martin;Nicolas;Renaud;Sophie';

/** The problems of a file, each with its line and column, in the reader's words. */
export function ImportProblems({ title, issues }: { title: string; issues: ValidationIssue[] }) {
  const words = useImportIssueWords();
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {issues.length > 0 && (
        <List size="sm" spacing={4} data-testid="import-problems">
          {issues.map((issue) => (
            <List.Item key={`${issue.path}:${issue.code ?? ''}:${issue.message}`}>
              <strong>{words.place(issue.path)}</strong> : {words.text(issue)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/**
 * The yearly import: a class, then its list as CSV (typed, pasted or read from a file; Préau's list or ONDE's
 * export), previewed before anything is saved.
 */
export function ImportForm({ initial, onPreview }: { initial?: ImportInput; onPreview: (preview: ImportPreview, input: ImportInput) => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const classes = useClassList();
  const previewImport = usePreviewImport();
  const [classId, setClassId] = useState<string | null>(initial?.classId ?? null);
  const [csv, setCsv] = useState(initial?.csv ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<ValidationIssue[]>([]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(ImportCsvSchema, { classId: classId ?? '', csv });
    setErrors(result.ok ? {} : result.errors);
    setProblems([]);
    if (!result.ok) return;
    const input = result.data;
    previewImport.mutate(input, {
      // A file with problems stays here, with every problem listed; a clean one goes to the preview.
      onSuccess: (preview) => (preview.problems.length > 0 ? setProblems(preview.problems) : onPreview(preview, input)),
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Select
          label={t('admin.import.class')}
          placeholder={classes.isPending ? t('admin.classes.loading') : t('admin.import.classPlaceholder')}
          disabled={classes.isPending}
          required
          data={(classes.data ?? []).map((item) => ({ value: item.id, label: `${item.name} (${item.schoolYear})` }))}
          value={classId}
          onChange={setClassId}
          error={fieldError(errors.classId)}
          maw={420}
        />
        <FileInput
          label={t('admin.import.file')}
          description={t('admin.import.fileHint')}
          placeholder={t('admin.import.filePlaceholder')}
          accept=".csv,text/csv,text/plain"
          clearable
          onChange={(file) => void (file ? readCsvFile(file).then(setCsv) : undefined)}
          maw={420}
        />
        <Textarea
          label={t('admin.import.csv')}
          description={t('admin.import.csvHint')}
          required
          autosize
          minRows={6}
          maxRows={16}
          value={csv}
          onChange={(event) => setCsv(event.currentTarget.value)}
          error={fieldError(errors.csv)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <div>
          <Text fz="sm" c="dimmed" mb={4}>
            {t('admin.import.example')}
          </Text>
          <Code block tabIndex={0}>{EXAMPLE}</Code>
          <Text fz="sm" c="dimmed" mt={4}>
            {t('admin.import.csvColumns')}
          </Text>
        </div>
        {problems.length > 0 && <ImportProblems title={t('admin.import.problemsTitle')} issues={problems} />}
        {previewImport.isError && (
          <ImportProblems title={t(errorMessageKey(previewImport.error))} issues={previewImport.error instanceof ApiError ? previewImport.error.issues : []} />
        )}
        <Button type="submit" loading={previewImport.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.import.preview')}
        </Button>
      </Stack>
    </form>
  );
}
