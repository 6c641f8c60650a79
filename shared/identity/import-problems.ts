/**
 * The problems a class list (CSV) can have, as codes the client words in the reader's language
 * (`admin.import.problems.<code>`, with `params`); the issue's `message` stays for developers and logs.
 */
export const IMPORT_PROBLEMS = [
  'quoteNotClosed',
  'textAfterQuote',
  'noPupil',
  'tooManyRows',
  'tooManyColumns',
  'missing',
  'tooLong',
  'controlCharacters',
  'noLetter',
  'duplicatePupil',
  'badDate',
  'badIdentifier',
  'missingColumn',
  'ambiguousPupil',
  'samePupilTwice',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

/** The columns of a class list, in their order (`admin.import.columns.<column>`). */
export const IMPORT_COLUMNS = [
  'pupilLastName',
  'pupilFirstName',
  'guardian1LastName',
  'guardian1FirstName',
  'guardian2LastName',
  'guardian2FirstName',
  'pupilBirthDate',
  'pupilId',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
