/**
 * The one CSV writer of Préau: every CSV file the app produces goes through `csvDocument`, so that each opens as
 * is in a French spreadsheet (Excel, LibreOffice Calc):
 * - UTF-8 with a byte-order mark (without it Excel reads « Ã© » for « é »);
 * - semicolons between cells (a French spreadsheet reads the comma as the decimal separator);
 * - CRLF between rows; a cell holding a semicolon, a quote, a line break or edge spaces is quoted, its quotes doubled;
 * - formula-injection safe: a cell starting with = + - @ (or a tab or CR) is prefixed with an apostrophe, so a
 *   spreadsheet shows the text instead of running a formula planted in a name or a reason.
 * Dates for people go through `parisDateTime` (« 07/12/2026 18:05:12 », the school's local time).
 */

export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** One cell's value: text, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null | undefined;

/** A column of a CSV file: its header and how a row gives its cell. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

/**
 * Leading characters a spreadsheet may read as a formula. Text that already starts with apostrophes before one of
 * them gets one more, so `csvText` can be undone exactly (`uncsvText`) by whoever reads the file back.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/;

/** The text of one cell as written (formula-safe), before quoting. Numbers are written as they are. */
export function csvText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of `csvText` for a cell read back from a file (the apostrophe added against formulas removed). */
export function uncsvText(cell: string): string {
  return FORMULA_START.test(cell.slice(1)) && cell.startsWith("'") ? cell.slice(1) : cell;
}

/** One cell, quoted only when it must be (a semicolon, a quote, a line break, or edge spaces). */
export function csvCell(value: CsvValue): string {
  const text = csvText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row: its cells joined by semicolons. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(CSV_SEPARATOR);
}

/** A whole file: the BOM, the header row, then one row per item, each line ended by CRLF. */
export function csvDocument<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const lines = [csvRow(columns.map((column) => column.header))];
  for (const row of rows) lines.push(csvRow(columns.map((column) => column.value(row))));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** The school's time zone: French schools of mainland France (the dates people read in an export). */
export const SCHOOL_TIME_ZONE = 'Europe/Paris';

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A moment as the school reads it, « JJ/MM/AAAA HH:MM:SS » in Paris time (summer and winter time alike). */
export function parisDateTime(ts: number): string {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(ts)).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The day of a moment in Paris, « AAAA-MM-JJ », for file names (sorted by date). */
export function parisDay(ts: number): string {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(ts)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
