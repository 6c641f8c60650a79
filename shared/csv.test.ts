import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvText, parisDateTime, parisDay, uncsvText } from './csv';

describe('the CSV writer', () => {
  it('writes a BOM, semicolons and CRLF, with the headers first', () => {
    const text = csvDocument(
      [
        { header: 'Nom', value: (row: { name: string; n: number }) => row.name },
        { header: 'Nombre', value: (row) => row.n },
      ],
      [
        { name: 'Léa', n: 2 },
        { name: 'Yanis', n: 0 },
      ],
    );
    expect(text).toBe('\uFEFFNom;Nombre\r\nLéa;2\r\nYanis;0\r\n');
  });

  it('quotes a cell holding a semicolon, a quote, a line break or edge spaces, and doubles its quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('il a dit "bonjour"')).toBe('"il a dit ""bonjour"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' espace')).toBe('" espace"');
    expect(csvCell('Carte ajoutée, modifiée')).toBe('Carte ajoutée, modifiée');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('neutralises formulas with an apostrophe, and the file can be read back exactly', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+33 6 12', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvText(formula)).toBe(`'${formula}`);
      expect(uncsvText(csvText(formula))).toBe(formula);
    }
    expect(csvCell('=1+1;2')).toBe(`"'=1+1;2"`);
    // Text that already starts with an apostrophe before a formula character keeps its own apostrophe.
    expect(csvText("'=x")).toBe("''=x");
    expect(uncsvText(csvText("'=x"))).toBe("'=x");
    expect(csvText("'bonjour")).toBe("'bonjour");
    expect(uncsvText("'bonjour")).toBe("'bonjour");
    expect(csvText('a=b')).toBe('a=b');
    // A number is written as a number, even negative.
    expect(csvText(-3)).toBe('-3');
  });
});

describe('Paris time', () => {
  it('writes « JJ/MM/AAAA HH:MM:SS » in winter time (UTC+1)', () => {
    expect(parisDateTime(Date.UTC(2026, 11, 7, 17, 5, 12))).toBe('07/12/2026 18:05:12');
    expect(parisDateTime(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe('01/01/2026 01:00:00');
  });

  it('writes summer time (UTC+2), and both sides of the clock changes', () => {
    expect(parisDateTime(Date.UTC(2026, 6, 14, 10, 0, 0))).toBe('14/07/2026 12:00:00');
    // 29 March 2026: 02:00 winter time becomes 03:00 summer time (01:00 UTC).
    expect(parisDateTime(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe('29/03/2026 01:59:59');
    expect(parisDateTime(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe('29/03/2026 03:00:00');
    // 25 October 2026: 03:00 summer time becomes 02:00 winter time (01:00 UTC).
    expect(parisDateTime(Date.UTC(2026, 9, 25, 0, 30, 0))).toBe('25/10/2026 02:30:00');
    expect(parisDateTime(Date.UTC(2026, 9, 25, 1, 30, 0))).toBe('25/10/2026 02:30:00');
    expect(parisDateTime(Date.UTC(2026, 9, 25, 2, 0, 0))).toBe('25/10/2026 03:00:00');
  });

  it('names the Paris day (the evening of 31 December in UTC is already the new year in Paris)', () => {
    expect(parisDay(Date.UTC(2026, 11, 31, 23, 30))).toBe('2027-01-01');
    expect(parisDateTime(Date.UTC(2026, 11, 31, 23, 30))).toBe('01/01/2027 00:30:00');
  });
});
