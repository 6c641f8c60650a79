import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { FeatureT } from '../../../i18n/feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { sayTime, sayUntil } from './until';

const i18n = i18next.createInstance();
void i18n.init({ initAsync: false, lng: 'fr', resources: { fr: { a: fr }, en: { a: en } }, defaultNS: 'a', interpolation: { escapeValue: false } });
const tIn =
  (lng: string): FeatureT =>
  (key, options) =>
    (i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, { ...options, lng });
const at = (iso: string) => Date.parse(iso);

describe('until when someone is in quiet hours, in words', () => {
  it('says the time as people do (« 7 h 30 », « 19 h »)', () => {
    expect(sayTime(at('2026-12-08T07:30:00+01:00'), 'fr')).toBe('7 h 30');
    expect(sayTime(at('2026-12-08T19:00:00+01:00'), 'fr')).toBe('19 h');
    expect(sayTime(at('2026-12-08T07:30:00+01:00'), 'en')).toBe('7:30 AM');
  });

  it('says today, tomorrow, a weekday or a date, in Paris', () => {
    const t = tIn('fr');
    const monday = at('2026-12-07T21:00:00+01:00');
    expect(sayUntil(t, at('2026-12-07T23:30:00+01:00'), monday, 'fr')).toBe('23 h 30');
    expect(sayUntil(t, at('2026-12-08T07:30:00+01:00'), monday, 'fr')).toBe('demain à 7 h 30');
    expect(sayUntil(t, at('2026-12-11T07:30:00+01:00'), monday, 'fr')).toBe('vendredi à 7 h 30');
    expect(sayUntil(t, at('2027-01-04T07:30:00+01:00'), monday, 'fr')).toBe('4 janvier à 7 h 30');
    expect(sayUntil(tIn('en'), at('2026-12-08T07:30:00+01:00'), monday, 'en')).toBe('tomorrow at 7:30 AM');
    expect(tIn('fr')('quiet_pupil', { name: 'Claire Fontaine', when: 'demain à 7 h 30' })).toBe(
      'Claire Fontaine ne reçoit pas de notification en ce moment (jusqu’à demain à 7 h 30) : ton message l’attendra.',
    );
  });

  it('counts tomorrow on the calendar across the night of a DST change', () => {
    // Saturday 28 March 2026, 23:30 (UTC+1) → Monday 07:30 (UTC+2) is « lundi », Sunday 07:30 is « demain ».
    const saturday = at('2026-03-28T23:30:00+01:00');
    expect(sayUntil(tIn('fr'), at('2026-03-29T07:30:00+02:00'), saturday, 'fr')).toBe('demain à 7 h 30');
    expect(sayUntil(tIn('fr'), at('2026-03-30T07:30:00+02:00'), saturday, 'fr')).toBe('lundi à 7 h 30');
  });
});
