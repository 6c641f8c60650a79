import { Alert, Button, Code, FileInput, List, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '../../../../shared/errors';
import type { ImportedAccount } from '../../../../shared/identity/api';
import { IMPORT_COLUMNS, IMPORT_PROBLEMS, type ImportColumn, type ImportProblem } from '../../../../shared/identity/import-problems';
import { ImportCsvSchema } from '../../../../shared/identity/schemas';
import { ApiError } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { useClassList, useImportClassList } from './useClasses';

const EXAMPLE = 'nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom\nMartin;Léa;Martin;Nicolas;Renaud;Sophie';

/** The yearly import: a class, then its list as CSV (typed, pasted or read from a file). */
export function ImportForm({ onImported }: { onImported: (accounts: ImportedAccount[]) => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const classes = useClassList();
  const importList = useImportClassList();
  const [classId, setClassId] = useState<string | null>(null);
  const [csv, setCsv] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const lineIssues = importList.error instanceof ApiError ? importList.error.issues : [];
  const issuePlace = (path: string) => {
    const line = /^line (\d+)$/.exec(path);
    return line ? t('admin.import.line', { n: Number(line[1]) }) : t('admin.import.wholeFile');
  };
  // The server codes each problem (with the column it is about); its English message is for the logs.
  const issueText = (issue: ValidationIssue) => {
    if (!IMPORT_PROBLEMS.includes(issue.code as ImportProblem)) return t('admin.import.problems.invalid');
    const column = issue.params?.column;
    const columnName = IMPORT_COLUMNS.includes(column as ImportColumn) ? t(`admin.import.columns.${column as ImportColumn}`) : '';
    return t(`admin.import.problems.${issue.code as ImportProblem}`, { ...issue.params, column: columnName });
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(ImportCsvSchema, { classId: classId ?? '', csv });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) importList.mutate(result.data, { onSuccess: (answer) => onImported(answer.accounts) });
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
          onChange={(file) => void file?.text().then(setCsv)}
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
        </div>
        {importList.isError && (
          <Alert color="red" variant="light" role="alert" title={t(errorMessageKey(importList.error))}>
            {lineIssues.length > 0 && (
              <List size="sm" spacing={4}>
                {lineIssues.map((issue) => (
                  <List.Item key={`${issue.path}:${issue.message}`}>
                    <strong>{issuePlace(issue.path)}</strong> : {issueText(issue)}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Button type="submit" loading={importList.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('admin.import.submit')}
        </Button>
      </Stack>
    </form>
  );
}
