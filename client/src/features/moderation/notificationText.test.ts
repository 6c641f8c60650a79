import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { FeatureT } from '../../i18n/feature';
import { setVoiceSource, withVoice } from '../../i18n/voice';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { notificationText } from './notificationText';

const i18n = withVoice(i18next.createInstance());
// Read by a pupil (« tu »), unless a test says otherwise.
setVoiceSource(() => ['pupil']);
void i18n.init({ initAsync: false, postProcess: ['voice'], lng: 'fr', resources: { fr: { moderation: fr }, en: { moderation: en } }, defaultNS: 'moderation', interpolation: { escapeValue: false } });
const t: FeatureT = (key, options) => (i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options);

describe('what an author is told, in words a child understands', () => {
  it('words each outcome for the kind of item, with the reason', () => {
    expect(notificationText(t, 'moderation.hide', { kind: 'wallCard', reason: 'insulte', spaceTitle: 'Mur' })).toBe(
      'Ta carte dans « Mur » a été masquée parce qu’elle contenait des mots blessants. Un enseignant va la relire.',
    );
    expect(notificationText(t, 'moderation.mute', { kind: 'wallCard', reason: 'insulte', spaceTitle: 'Mur' })).toBe(
      'Tu ne peux plus écrire dans « Mur » pendant un moment, à cause de ta carte : elle contenait des mots blessants.',
    );
    expect(notificationText(t, 'moderation.approve', { kind: 'wallComment', reason: 'autre', spaceTitle: 'Mur' })).toContain('Ton commentaire');
  });

  it('tells an author their change was refused, speaking of the change, and that the text before stays', () => {
    const text = notificationText(t, 'moderation.reject', { kind: 'wallCard', reason: 'information_personnelle', spaceTitle: 'Mur' });
    expect(text).toBe(
      'Un enseignant n’a pas accepté le changement de ta carte dans « Mur » parce qu’il donnait des informations personnelles (adresse, téléphone…). Ta carte d’avant reste affichée.',
    );
    expect(notificationText(t, 'moderation.reject', { kind: 'chatMessage', reason: 'insulte', spaceTitle: 'CE2' })).toContain('Ton message d’avant reste affiché');
  });

  it('speaks to an adult author with « vous »', () => {
    setVoiceSource(() => ['teacher']);
    try {
      expect(notificationText(t, 'moderation.hide', { kind: 'wallCard', reason: 'insulte', spaceTitle: 'Mur' })).toBe(
        'Votre carte dans « Mur » a été masquée parce qu’elle contenait des mots blessants. Un enseignant va la relire.',
      );
      expect(notificationText(t, 'moderation.reject', { kind: 'chatMessage', reason: 'insulte', spaceTitle: 'CE2' })).toContain('Votre message d’avant reste affiché');
    } finally {
      setVoiceSource(() => ['pupil']);
    }
  });

  it('falls back to a generic sentence for a code it does not know', () => {
    expect(notificationText(t, 'moderation.unknown', { kind: 'chatMessage' })).toBe(fr.notify.generic_pupil);
  });
});
