import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

const i18n = i18next.createInstance();
void i18n.init({ initAsync: false, lng: 'fr', resources: { fr: { bell: fr }, en: { bell: en } }, defaultNS: 'bell' });
const t = (key: string, options: Record<string, unknown>) => (i18n.t as unknown as (k: string, o: Record<string, unknown>) => string)(key, options);

describe('the bell’s label', () => {
  it('says how many are unread, in French first, with the same keys in English', () => {
    expect(t('labelUnread', { count: 3 })).toBe('Notifications, 3 non lues');
    expect(t('labelUnread', { count: 1 })).toBe('Notifications, 1 non lue');
    expect(t('labelUnread', { count: 3, lng: 'en' })).toBe('Notifications, 3 unread');
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
});
