import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_ROWS } from '../../../shared/limits';
import { detectSeparator, parseClassList, parseCsv } from './csv';
import { loginBase, loginBaseFromDisplayName } from './logins';

describe('parseCsv', () => {
  it('detects ; and , as separators', () => {
    expect(detectSeparator('nom;prénom;x')).toBe(';');
    expect(detectSeparator('nom,prénom,x')).toBe(',');
    expect(detectSeparator('"Dupont; Jr",Léa')).toBe(',');
    expect(detectSeparator('Martin')).toBe(';');
    expect(parseCsv('a,b\nc,d').records.map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a;b\r\nc;d').records.map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('reads quoted fields, doubled quotes and separators or line ends inside quotes', () => {
    const parsed = parseCsv('"Martin; fils";"Léa ""Lou"""\n"Dupont\nSecond";Zoé\nLast;One');
    expect(parsed.issues).toEqual([]);
    expect(parsed.records).toEqual([
      { line: 1, fields: ['Martin; fils', 'Léa "Lou"'] },
      { line: 2, fields: ['Dupont\nSecond', 'Zoé'] },
      { line: 4, fields: ['Last', 'One'] },
    ]);
  });

  it('strips a byte-order mark and skips blank lines while keeping line numbers', () => {
    const parsed = parseCsv('\uFEFFMartin;Léa\n\n;;\nDubois;Gabriel\r\n');
    expect(parsed.records).toEqual([
      { line: 1, fields: ['Martin', 'Léa'] },
      { line: 4, fields: ['Dubois', 'Gabriel'] },
    ]);
  });

  it('reports an unclosed quote and text after a closing quote with their line', () => {
    expect(parseCsv('Martin;Léa\n"Dubois;Gabriel').issues).toEqual([{ path: 'line 2', code: 'quoteNotClosed', message: 'a quoted field is never closed' }]);
    const parsed = parseCsv('Martin;Léa\n"Dubois"x;Gabriel\nTran;Alice');
    expect(parsed.issues).toEqual([{ path: 'line 2', code: 'textAfterQuote', message: 'unexpected text after a closing quote' }]);
    expect(parsed.records.map((r) => r.line)).toEqual([1, 3]);
  });
});

describe('parseClassList', () => {
  it('skips the header, reads up to two guardians and tidies spaces', () => {
    const csv = [
      'Nom;Prénom;Responsable 1 nom;Responsable 1 prénom;Responsable 2 nom;Responsable 2 prénom',
      'Martin;Léa;Renaud;Sophie;Martin;Nicolas',
      ' Dubois ; Gabriel ;Dubois;  Céline;;',
      'Tran;Alice',
    ].join('\n');
    const { rows, issues } = parseClassList(csv);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        pupil: { lastName: 'Martin', firstName: 'Léa' },
        birthDate: null,
        pupilId: null,
        guardians: [
          { lastName: 'Renaud', firstName: 'Sophie' },
          { lastName: 'Martin', firstName: 'Nicolas' },
        ],
      },
      { line: 3, pupil: { lastName: 'Dubois', firstName: 'Gabriel' }, birthDate: null, pupilId: null, guardians: [{ lastName: 'Dubois', firstName: 'Céline' }] },
      { line: 4, pupil: { lastName: 'Tran', firstName: 'Alice' }, birthDate: null, pupilId: null, guardians: [] },
    ]);
  });

  it('reads a comma-separated file without header', () => {
    const { rows, issues } = parseClassList('Kaya,Emir,Kaya,Elif\n');
    expect(issues).toEqual([]);
    expect(rows[0]?.guardians).toEqual([{ lastName: 'Kaya', firstName: 'Elif' }]);
  });

  it('lists every faulty line and returns no row', () => {
    const csv = [
      'nom;prénom',
      'Martin;Léa',
      ';Yanis',
      'Nguyen;Chloé;Nguyen;',
      'Diallo;Mamadou;;;;;extra',
      'martin; LÉA ',
      '1234;Ines',
    ].join('\n');
    const { rows, issues } = parseClassList(csv);
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      { path: 'line 3', code: 'missing', params: { column: 'pupilLastName' }, message: 'pupil last name is missing' },
      { path: 'line 4', code: 'missing', params: { column: 'guardian1FirstName' }, message: 'guardian 1 first name is missing' },
      { path: 'line 5', code: 'tooManyColumns', params: { max: 6 }, message: 'more than 6 columns' },
      { path: 'line 6', code: 'duplicatePupil', params: { line: 2, column: 'pupilLastName' }, message: 'the same pupil is already on line 2' },
      { path: 'line 7', code: 'noLetter', params: { column: 'pupilLastName' }, message: 'pupil last name contains no letter' },
    ]);
  });

  it("reads ONDE's export by its header: identifier, birth date, guardians; other columns ignored", () => {
    const csv = [
      "Identifiant national élève;Nom d'usage élève;Prénom élève;Date naissance;Sexe;Niveau;Classe;Nom responsable 1;Prénom responsable 1;Courriel responsable 1",
      '1234567890a;DUPONT;Arthur;14/02/2017;M;CM1;CM1 B;DUPONT;Claire;claire@example.org',
    ].join('\n');
    expect(parseClassList(csv)).toEqual({
      format: 'onde',
      issues: [],
      rows: [{ line: 2, pupil: { lastName: 'DUPONT', firstName: 'Arthur' }, birthDate: '2017-02-14', pupilId: '1234567890A', guardians: [{ lastName: 'DUPONT', firstName: 'Claire' }] }],
    });
  });

  it('checks birth dates and identifiers, and tells homonyms apart by their birth date', () => {
    const csv = ['prénom;nom;date de naissance;identifiant', 'Léa;Martin;31/02/2017;', 'Léa;Martin;12/03/2017;AB-12', 'Léa;Martin;12/03/2017;', 'Léa;Martin;01/03/2016;'].join('\n');
    const { format, issues } = parseClassList(csv);
    expect(format).toBe('classList');
    expect(issues.map((issue) => [issue.path, issue.code, issue.params?.column])).toEqual([
      ['line 2', 'badDate', 'pupilBirthDate'],
      ['line 3', 'badIdentifier', 'pupilId'],
    ]);
    expect(parseClassList(['prénom;nom;date de naissance', 'Léa;Martin;12/03/2017', 'Léa;Martin;01/03/2016', 'léa;MARTIN;12/03/2017'].join('\n')).issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['line 4', 'duplicatePupil'],
    ]);
  });

  it('refuses an empty file and one with too many lines', () => {
    expect(parseClassList('nom;prénom\n\n').issues).toEqual([{ path: 'csv', code: 'noPupil', message: 'the file has no pupil line' }]);
    const many = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `Martin;Léa${i}`).join('\n');
    expect(parseClassList(many).issues[0]?.message).toContain(`at most ${IMPORT_MAX_ROWS}`);
  });
});

describe('login bases', () => {
  it('folds accents, ligatures, spaces and apostrophes into prenom.nom', () => {
    expect(loginBase('Léa', 'Martin')).toBe('lea.martin');
    expect(loginBase('Ayoub', 'El Amrani')).toBe('ayoub.elamrani');
    expect(loginBase('Jean-Marc', "N'Diaye")).toBe('jean-marc.ndiaye');
    expect(loginBase('Chloé', 'Cœur')).toBe('chloe.coeur');
    expect(loginBaseFromDisplayName('  Maëlys   Traoré ')).toBe('maelys.traore');
    expect(loginBase('李', '王')).toBe('utilisateur');
  });
});
