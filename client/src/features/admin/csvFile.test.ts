import { describe, expect, it } from 'vitest';
import { readCsvFile } from './csvFile';

describe('readCsvFile', () => {
  it('reads UTF-8, and Windows-1252 when the bytes are not UTF-8 (ONDE exports)', async () => {
    expect(await readCsvFile(new Blob([Buffer.from('Nom;Prénom\nMartin;Léa', 'utf8')]))).toBe('Nom;Prénom\nMartin;Léa');
    expect(await readCsvFile(new Blob([Buffer.from('Nom;Prénom\nMartin;Léa', 'latin1')]))).toBe('Nom;Prénom\nMartin;Léa');
  });
});
