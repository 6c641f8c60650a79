import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '../../../../shared/errors';
import { IMPORT_COLUMNS, IMPORT_PROBLEMS, type ImportColumn, type ImportProblem } from '../../../../shared/identity/import-problems';

/** The words of an import's problems: « Ligne 4 » and « la colonne « prénom de l’élève » est vide ». */
export function useImportIssueWords() {
  const { t } = useTranslation();
  const place = (path: string): string => {
    const line = /^line (\d+)$/.exec(path);
    return line ? t('admin.import.line', { n: Number(line[1]) }) : t('admin.import.wholeFile');
  };
  // The server codes each problem (with the column it is about); its English message is for the logs.
  const text = (issue: ValidationIssue): string => {
    if (!IMPORT_PROBLEMS.includes(issue.code as ImportProblem)) return t('admin.import.problems.invalid');
    const column = issue.params?.column;
    const columnName = IMPORT_COLUMNS.includes(column as ImportColumn) ? t(`admin.import.columns.${column as ImportColumn}`) : '';
    return t(`admin.import.problems.${issue.code as ImportProblem}`, { ...issue.params, column: columnName });
  };
  return { place, text };
}
