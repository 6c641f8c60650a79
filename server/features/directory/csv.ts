/**
 * The class-list CSV that a school exports from its administrative software (or types in a spreadsheet) for
 * the yearly import: one pupil per line, with up to two legal guardians.
 *
 * Format:
 * - columns, in this order: `nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom`;
 *   the four guardian columns are optional and may be empty, but a guardian needs both a last and a first name;
 * - separator `;` (French spreadsheets) or `,`, detected on the first line: the one that appears more often
 *   outside quotes (`;` on a tie);
 * - an optional header line (`onde.ts`): with one, columns are found by their names, in any order, and may add
 *   « date de naissance » (jj/mm/aaaa) and « identifiant » (the school's pupil identifier, ONDE's INE); ONDE's
 *   export is read the same way, its other columns ignored;
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
import { POSITIONAL, readHeader, type HeaderMap } from './onde';
import type { ImportFormat } from '../../../shared/identity/import-preview';

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
  /** `YYYY-MM-DD`, when the file has a « date de naissance » column. */
  birthDate: string | null;
  /** The school's pupil identifier (ONDE's INE…), upper-cased, when the file has one. */
  pupilId: string | null;
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
  pupilBirthDate: 'pupil birth date',
  pupilId: 'pupil identifier',
};

const MAX_ID = 20;
const EARLIEST_BIRTH_YEAR = 1990;

/** A birth date as `jj/mm/aaaa` (or `aaaa-mm-jj`), checked against the calendar, as `YYYY-MM-DD`. */
export function readBirthDate(value: string): string | null {
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [day, month, year] = french ? [french[1], french[2], french[3]] : iso ? [iso[3], iso[2], iso[1]] : [];
  if (!day || !month || !year) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return null;
  if (Number(year) < EARLIEST_BIRTH_YEAR || date.getTime() > Date.now()) return null;
  return date.toISOString().slice(0, 10);
}

/** Collapses inner runs of spaces, so "Léa  Martin" and "Léa Martin" are the same person. */
const tidy = (value: string | undefined): string => (value ?? '').trim().replace(/\s+/g, ' ');

/** The key under which two mentions of a person are the same person within one file. */
export const personKey = (name: PersonName): string => foldForSearch(`${name.firstName} ${name.lastName}`);

/**
 * Parses and validates a class list (Préau's own or ONDE's export, told apart by the header line). Returns the
 * rows when the whole file is valid, or every problem found, each with its line number and column.
 */
export function parseClassList(input: string): { format: ImportFormat; rows: ClassListRow[]; issues: ValidationIssue[] } {
  const parsed = parseCsv(input);
  const issues = [...parsed.issues];
  const header = parsed.records[0] ? readHeader(parsed.records[0].fields) : null;
  // A header naming only « nom;prénom » keeps the columns' order: the guardians follow, unnamed.
  const onlyNames = header && Object.keys(header.columns).length === 2 && header.columns.pupilLastName === 0 && header.columns.pupilFirstName === 1;
  const map: HeaderMap = header && !onlyNames ? header : POSITIONAL;
  const width = header && !onlyNames ? Math.max(parsed.records[0]!.fields.length, MAX_COLUMNS) : MAX_COLUMNS;
  const records = header ? parsed.records.slice(1) : parsed.records;
  if (records.length === 0 && issues.length === 0) issues.push({ path: 'csv', ...problem('noPupil', 'the file has no pupil line') });
  if (records.length > IMPORT_MAX_ROWS) {
    issues.push({ path: 'csv', ...problem('tooManyRows', `the file has ${records.length} pupil lines, at most ${IMPORT_MAX_ROWS} are allowed`, { count: records.length, max: IMPORT_MAX_ROWS }) });
  }
  const rows: ClassListRow[] = [];
  const firstLineOfPupil = new Map<string, number>();
  const cellOf = (cells: string[], column: ImportColumn): string => {
    const index = map.columns[column];
    return index === undefined ? '' : (cells[index] ?? '');
  };
  for (const record of records) {
    const cells = record.fields.map(tidy);
    const problems: Problem[] = [];
    if (cells.slice(width).some((cell) => cell !== '')) problems.push(problem('tooManyColumns', `more than ${width} columns`, { max: width }));
    const pupil = { lastName: cellOf(cells, 'pupilLastName'), firstName: cellOf(cells, 'pupilFirstName') };
    for (const found of [nameProblem(pupil.lastName, 'pupilLastName'), nameProblem(pupil.firstName, 'pupilFirstName')]) {
      if (found) problems.push(found);
    }
    const birthText = cellOf(cells, 'pupilBirthDate');
    const birthDate = birthText === '' ? null : readBirthDate(birthText);
    if (birthText !== '' && !birthDate) problems.push(problem('badDate', `birth date "${birthText}" is not a date (dd/mm/yyyy)`, { column: 'pupilBirthDate' }));
    const idText = cellOf(cells, 'pupilId').toUpperCase();
    if (idText !== '' && (idText.length > MAX_ID || !/^[0-9A-Z]+$/.test(idText))) problems.push(problem('badIdentifier', 'the pupil identifier has other characters than letters and digits', { column: 'pupilId', max: MAX_ID }));
    const guardians: PersonName[] = [];
    for (const [lastName, firstName] of [
      ['guardian1LastName', 'guardian1FirstName'],
      ['guardian2LastName', 'guardian2FirstName'],
    ] as const) {
      const guardian = { lastName: cellOf(cells, lastName), firstName: cellOf(cells, firstName) };
      if (guardian.lastName === '' && guardian.firstName === '') continue;
      for (const found of [nameProblem(guardian.lastName, lastName), nameProblem(guardian.firstName, firstName)]) {
        if (found) problems.push(found);
      }
      // The same guardian written twice on one line is one guardian.
      if (!guardians.some((known) => personKey(known) === personKey(guardian))) guardians.push(guardian);
    }
    if (problems.length === 0) {
      // Two homonyms born on different days are two pupils; the same identifier twice is one pupil twice.
      const key = idText !== '' ? `id:${idText}` : `${personKey(pupil)}|${birthDate ?? ''}`;
      const earlier = firstLineOfPupil.get(key) ?? (birthDate ? undefined : firstLineOfPupil.get(`${personKey(pupil)}|`));
      if (earlier !== undefined) problems.push(problem('duplicatePupil', `the same pupil is already on line ${earlier}`, { line: earlier, column: 'pupilLastName' }));
      else {
        firstLineOfPupil.set(key, record.line);
        if (!idText) firstLineOfPupil.set(`${personKey(pupil)}|`, record.line);
      }
    }
    if (problems.length > 0) issues.push(...problems.map((found) => issueAt(record.line, found)));
    else rows.push({ line: record.line, pupil, birthDate, pupilId: idText === '' ? null : idText, guardians });
  }
  return { format: map.format, rows: issues.length === 0 ? rows : [], issues };
}
