/**
 * The header line of a class list: which column is which, for Préau's own list (`nom;prénom;responsable 1 nom;…`,
 * optionally with « date de naissance » and « identifiant ») and for the CSV export of ONDE (« Outil numérique
 * pour la direction d'école », the national directory of French primary schools).
 *
 * ONDE's pupil extraction has no published column list; these are the names commonly seen in its extractions
 * and in the tools that read them (« Nom d'usage élève », « Prénom élève », « Date naissance », « Sexe »,
 * « Niveau », « Classe », « Nom responsable 1 », « Prénom responsable 1 », « Courriel responsable 1 »…, plus
 * « Identifiant national élève » / « INE »). Names are compared folded (case, accents, punctuation), and
 * columns Préau does not use (sex, level, address, e-mail…) are ignored.
 */
import type { ImportColumn } from '../../../shared/identity/import-problems';
import type { ImportFormat } from '../../../shared/identity/import-preview';
import { foldForSearch } from './model';

/** "Nom d’usage élève" → "nom d usage eleve". */
export const headerWords = (cell: string): string =>
  foldForSearch(cell)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const guardian = (n: 1 | 2, part: 'nom' | 'prenom'): string[] => [
  `responsable ${n} ${part}`,
  `${part} responsable ${n}`,
  `${part} responsable legal ${n}`,
  `responsable legal ${n} ${part}`,
  `${part} representant legal ${n}`,
  `${part} d usage responsable ${n}`,
  `${part} resp ${n}`,
  `${part} r${n}`,
];

/** Every header Préau reads, folded, by column. */
const HEADERS: Record<ImportColumn, string[]> = {
  pupilLastName: ['nom', 'nom eleve', 'nom d usage eleve', 'nom d usage', 'nom de famille', 'nom de famille eleve', 'nom usage eleve'],
  pupilFirstName: ['prenom', 'prenom eleve', 'prenom usuel', 'prenom usuel eleve', 'prenom 1 eleve'],
  pupilBirthDate: ['date de naissance', 'date naissance', 'date de naissance eleve', 'date naissance eleve', 'ne e le', 'naissance'],
  pupilId: ['identifiant', 'identifiant eleve', 'identifiant national eleve', 'ine', 'ine eleve', 'numero ine', 'id eleve'],
  guardian1LastName: guardian(1, 'nom'),
  guardian1FirstName: guardian(1, 'prenom'),
  guardian2LastName: guardian(2, 'nom'),
  guardian2FirstName: guardian(2, 'prenom'),
};

/** Headers only ONDE's export has (Préau's own list says « nom », « prénom », « responsable 1 nom »). */
const ONDE_ONLY = new Set(['nom d usage eleve', 'prenom eleve', 'date naissance', 'identifiant national eleve', 'nom responsable 1', 'prenom responsable 1', 'niveau', 'classe', 'sexe']);

const BY_WORDS = new Map<string, ImportColumn>(
  (Object.entries(HEADERS) as [ImportColumn, string[]][]).flatMap(([column, words]) => words.map((word) => [word, column] as const)),
);

export interface HeaderMap {
  format: ImportFormat;
  /** The index of each column found in the file. */
  columns: Partial<Record<ImportColumn, number>>;
}

/**
 * Reads a header line: a line is one when it names both the pupil's last and first names; ONDE's export is
 * recognised by names only it uses. Returns null for a line of data (Préau's list without a header).
 */
export function readHeader(cells: readonly string[]): HeaderMap | null {
  const columns: Partial<Record<ImportColumn, number>> = {};
  let ondeNames = 0;
  cells.forEach((cell, index) => {
    const words = headerWords(cell);
    if (ONDE_ONLY.has(words)) ondeNames += 1;
    const column = BY_WORDS.get(words);
    if (column && columns[column] === undefined) columns[column] = index;
  });
  if (columns.pupilLastName === undefined || columns.pupilFirstName === undefined) {
    // The old header test: the first two cells start with « nom » and « prénom » (any words after them).
    const [first = '', second = ''] = cells.map(headerWords);
    if (!(first.startsWith('nom') && second.startsWith('prenom'))) return null;
    return { format: 'classList', columns: { pupilLastName: 0, pupilFirstName: 1, guardian1LastName: 2, guardian1FirstName: 3, guardian2LastName: 4, guardian2FirstName: 5, ...columns } };
  }
  return { format: ondeNames >= 2 ? 'onde' : 'classList', columns };
}

/** The columns of a list without a header: Préau's six, in order. */
export const POSITIONAL: HeaderMap = {
  format: 'classList',
  columns: { pupilLastName: 0, pupilFirstName: 1, guardian1LastName: 2, guardian1FirstName: 3, guardian2LastName: 4, guardian2FirstName: 5 },
};
