import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { FeatureT } from '../../i18n/feature';
import { englishIn } from '../../i18n/words';
import fr from './i18n/fr.json';
import { reasonText } from './reasons';

const i18n = i18next.createInstance();
void i18n.init({ initAsync: false, lng: 'fr', resources: { fr: { audit: fr } }, defaultNS: 'audit', interpolation: { escapeValue: false } });
const t: FeatureT = (key, options) => (i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options);

describe('the detail of a log entry, in French', () => {
  it('words the details Préau writes itself (they were shown in English)', () => {
    expect(reasonText('41 updates, 848 bytes, 0 deletions', t).text).toBe('41 modifications, 848 octets, 0 suppressions');
    expect(reasonText('personal information: phone', t).text).toBe('information personnelle : téléphone');
    expect(reasonText('personal information: phone, email (held for review)', t).text).toBe('information personnelle : téléphone, adresse e-mail (retenu pour relecture)');
    expect(reasonText('MUTED: chat:send', t).text).toBe('refusé : l’auteur ne pouvait pas écrire à ce moment');
    expect(reasonText('1 items', t).text).toBe('1 élément');
    expect(reasonText('3 sessions closed', t).text).toBe('3 sessions fermées');
    expect(reasonText('hors_sujet', t).text).toBe('hors sujet');
    expect(reasonText('insulte until 2026-12-07T14:00:00.000Z (chatMessage 1a2b)', t).text).toBe('insulte ; jusqu’au 07/12/2026 15:00');
    for (const reason of ['41 updates, 848 bytes, 0 deletions', 'personal information: phone', 'MUTED: chat:send', '1 items', 'information_personnelle (automatic: phone)', 'FORBIDDEN: forum:edit (edit item)', 'hors_sujet', 'spam until 2026-12-07T14:00:00.000Z']) {
      expect(englishIn(reasonText(reason, t).text), reason).toEqual([]);
    }
  });

  it('shows what a person wrote as it is', () => {
    expect(reasonText('Propos insultants répétés', t)).toEqual({ text: 'Propos insultants répétés', translated: false });
  });
});
