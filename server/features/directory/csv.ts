/**
 * The class-list CSV that a school exports from its administrative software (or types in a spreadsheet) for
 * the yearly import: one pupil per line, with up to two legal guardians.
 *
 * Format:
 * - columns, in this order: `nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom`;
 *   the four guardian columns are optional and may be empty, but a guardian needs both a last and a first name;
 * - separator `;` (French spreadsheets) or `,`, detected on the first line: the one that appears more often
 *   outside quotes (`;` on a tie);
 * - an optional header line, recognised by its first two cells starting with "nom" and "prénom" (any case, any
 *   accents);
 * - UTF-8, with or without a byte-order mark; CRLF, LF or CR line ends; blank lines are ignored;
 * - fields may be quoted with `"`, a quote inside a quoted field is doubled (`""`), and a quoted field may span
 *   lines (its record is then numbered by the line it starts on);
 * - at most `IMPORT_MAX_ROWS` pupil lines.
 *
 * Every problem is reported at once, each with its line number (`line N`), so the school fixes the file in one go;
 * each is coded (`IMPORT_PROBLEMS`, with the column it is about) so the school reads it in its own language.
 */
import { IMPORT_MAX_ROWS } from '../../../shared/limits';
import type { ValidationIssue } from '../../../shared/errors';
import type { ImportColumn, ImportProblem } from '../../../shared/identity/import-problems';
import { foldForSearch } from './model';

/** One record of a CSV file, with the line number it starts on (1-based, counting the header and blank lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvParse {
  separator: ';' | ',';
  records: CsvRecord[];
  issues: ValidationIssue[];
}

/** A person's name as written in the file. */
export interface PersonName {
  lastName: string;
  firstName: string;
}

/** One valid pupil line. */
export interface ClassListRow {
  line: number;
  pupil: PersonName;
  guardians: PersonName[];
}

const MAX_COLUMNS = 6;
/** Keeps `"prénom nom"` within the 80 characters a display name may have. */
const MAX_NAME_PART = 39;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A problem of the file, coded for the client to word (`admin.import.problems.<code>`), in English for the logs. */
const problem = (code: ImportProblem, message: string, params?: Record<string, string | number>): Problem => ({ code, message, ...(params ? { params } : {}) });
type Problem = Required<Pick<ValidationIssue, 'code' | 'message'>> & Pick<ValidationIssue, 'params'>;

const issueAt = (line: number, found: Problem): ValidationIssue => ({ path: `line ${line}`, ...found });

/** `;` or `,`: whichever appears more often outside quotes on the first line (`;` on a tie). */
export function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons += 1;
    else if (!quoted && char === ',') commas += 1;
  }
  return commas > semicolons ? ',' : ';';
}

/** Splits CSV text into records (RFC 4180 quoting), dropping blank lines; problems are returned, not thrown. */
export function parseCsv(input: string): CsvParse {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  const issues: ValidationIssue[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  /** The field was quoted and its closing quote was seen: only a separator or a line end may follow. */
  let closed = false;
  let brokenLine = 0;

  const endRecord = (): void => {
    fields.push(field);
    if (fields.some((value) => value.trim() !== '') && brokenLine !== recordLine) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    closed = false;
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
        closed = true;
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line += 1;
        field += char;
      }
      continue;
    }
    if (char === separator) {
      fields.push(field);
      field = '';
      closed = false;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else if (char === '"' && field.trim() === '' && !closed) {
      field = '';
      quoted = true;
    } else if (closed) {
      if (char !== ' ' && char !== '\t' && brokenLine !== recordLine) {
        issues.push(issueAt(recordLine, problem('textAfterQuote', 'unexpected text after a closing quote')));
        brokenLine = recordLine;
      }
    } else {
      field += char;
    }
  }
  if (quoted) {
    issues.push(issueAt(recordLine, problem('quoteNotClosed', 'a quoted field is never closed')));
    brokenLine = recordLine;
  }
  endRecord();
  return { separator, records, issues };
}

/** Whether a record is the header line ("nom;prénom;…"). */
function isHeader(record: CsvRecord): boolean {
  const [first = '', second = ''] = record.fields.map((value) => foldForSearch(value.trim()));
  return first.startsWith('nom') && second.startsWith('prenom');
}

/** Checks one name part (a column); returns the problem, if any. */
function nameProblem(value: string, column: ImportColumn): Problem | null {
  const what = COLUMN_WORDS[column];
  if (value === '') return problem('missing', `${what} is missing`, { column });
  if (value.length > MAX_NAME_PART) return problem('tooLong', `${what} is longer than ${MAX_NAME_PART} characters`, { column, max: MAX_NAME_PART });
  if (CONTROL.test(value)) return problem('controlCharacters', `${what} contains control characters`, { column });
  if (!/\p{L}/u.test(value)) return problem('noLetter', `${what} contains no letter`, { column });
  return null;
}

/** The columns in the logs' words. */
const COLUMN_WORDS: Record<ImportColumn, string> = {
  pupilLastName: 'pupil last name',
  pupilFirstName: 'pupil first name',
  guardian1LastName: 'guardian 1 last name',
  guardian1FirstName: 'guardian 1 first name',
  guardian2LastName: 'guardian 2 last name',
  guardian2FirstName: 'guardian 2 first name',
};

/** Collapses inner runs of spaces, so "Léa  Martin" and "Léa Martin" are the same person. */
const tidy = (value: string | undefined): string => (value ?? '').trim().replace(/\s+/g, ' ');

/** The key under which two mentions of a person are the same person within one file. */
export const personKey = (name: PersonName): string => foldForSearch(`${name.firstName} ${name.lastName}`);

/**
 * Parses and validates a class list. Returns the rows when the whole file is valid, or every problem found,
 * each with its line number.
 */
export function parseClassList(input: string): { rows: ClassListRow[]; issues: ValidationIssue[] } {
  const parsed = parseCsv(input);
  const issues = [...parsed.issues];
  const records = parsed.records[0] && isHeader(parsed.records[0]) ? parsed.records.slice(1) : parsed.records;
  if (records.length === 0 && issues.length === 0) issues.push({ path: 'csv', ...problem('noPupil', 'the file has no pupil line') });
  if (records.length > IMPORT_MAX_ROWS) {
    issues.push({ path: 'csv', ...problem('tooManyRows', `the file has ${records.length} pupil lines, at most ${IMPORT_MAX_ROWS} are allowed`, { count: records.length, max: IMPORT_MAX_ROWS }) });
  }
  const rows: ClassListRow[] = [];
  const firstLineOfPupil = new Map<string, number>();
  for (const record of records) {
    const cells = record.fields.map(tidy);
    const problems: Problem[] = [];
    if (cells.slice(MAX_COLUMNS).some((cell) => cell !== '')) problems.push(problem('tooManyColumns', `more than ${MAX_COLUMNS} columns`, { max: MAX_COLUMNS }));
    const pupil = { lastName: cells[0] ?? '', firstName: cells[1] ?? '' };
    for (const found of [nameProblem(pupil.lastName, 'pupilLastName'), nameProblem(pupil.firstName, 'pupilFirstName')]) {
      if (found) problems.push(found);
    }
    const guardians: PersonName[] = [];
    for (const [index, start] of [2, 4].entries()) {
      const guardian = { lastName: cells[start] ?? '', firstName: cells[start + 1] ?? '' };
      if (guardian.lastName === '' && guardian.firstName === '') continue;
      const [lastName, firstName] = index === 0 ? (['guardian1LastName', 'guardian1FirstName'] as const) : (['guardian2LastName', 'guardian2FirstName'] as const);
      for (const found of [nameProblem(guardian.lastName, lastName), nameProblem(guardian.firstName, firstName)]) {
        if (found) problems.push(found);
      }
      // The same guardian written twice on one line is one guardian.
      if (!guardians.some((known) => personKey(known) === personKey(guardian))) guardians.push(guardian);
    }
    if (problems.length === 0) {
      const key = personKey(pupil);
      const earlier = firstLineOfPupil.get(key);
      if (earlier !== undefined) problems.push(problem('duplicatePupil', `the same pupil is already on line ${earlier}`, { line: earlier }));
      else firstLineOfPupil.set(key, record.line);
    }
    if (problems.length > 0) issues.push(...problems.map((found) => issueAt(record.line, found)));
    else rows.push({ line: record.line, pupil, guardians });
  }
  return { rows: issues.length === 0 ? rows : [], issues };
}
