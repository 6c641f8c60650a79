import { createInstance } from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_EVENT_LABELS, AUDIT_PROFILE_LABELS, AUDIT_STATUS_LABELS } from '../../../shared/audit/labels';
import type { Profile } from '../../../shared/identity/profiles';
import appFr from './fr.json';
import { setVoiceSource, voiceOf, withVoice } from './voice';
import { englishIn, tuIn, vousIn } from './words';

type Json = { [key: string]: string | Json };
const features = import.meta.glob<Json>('../features/**/i18n/fr.json', { eager: true, import: 'default' });

/** The journal's words live in one table shared with its CSV export; they are French words of the build too. */
const frenchOf = (table: Record<string, { fr: string }>): Json => Object.fromEntries(Object.entries(table).map(([key, labels]) => [key.replace(/\./g, '_'), labels.fr]));

/** Every French bundle of the build: the app's words, each feature's namespace, the journal's shared labels. */
const bundles: Record<string, Json> = {
  translation: appFr as Json,
  'audit.events': frenchOf(AUDIT_EVENT_LABELS),
  'audit.statuses': frenchOf(AUDIT_STATUS_LABELS),
  'audit.profiles': frenchOf(AUDIT_PROFILE_LABELS),
  ...Object.fromEntries(Object.entries(features).map(([path, json]) => [/features\/(.+)\/i18n\//.exec(path)![1]!, json])),
};

/** Namespaces (and the app's sections) only adults ever read: their words need no `_pupil` form. */
const ADULTS_ONLY = new Set(['admin', 'audit', 'family', 'space-copy', 'spaces/lifecycle', 'pad.moderation', 'pad.settings', 'chat.pii.bodyAdult', 'notifications.prefs.email', 'notifications.prefs.school', 'translation.admin', 'translation.roster']);

function leaves(json: Json, prefix: string): [string, string][] {
  return Object.entries(json).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}.${key}`, value] as [string, string]] : leaves(value, `${prefix}.${key}`)));
}

/** What only pupils ever read (the class sign-in card and its page): their plain form is already « tu ». */
const PUPILS_ONLY = new Set(['auth.card', 'admin.cards.howPupil']);

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** `notifications.kind_pupil_one` → `notifications.kind_one`: the adult form of a pupil form. */
const adultKey = (key: string) => key.replace(/_pupil(?=$|_(?:zero|one|two|few|many|other)$)/, '');
const isPupilForm = (key: string) => /_pupil(?:$|_)/.test(key.replace(PLURAL, ''));
const within = (scopes: Set<string>) => (key: string) => [...scopes].some((scope) => key === scope || key.startsWith(`${scope}.`));
const adultsOnly = within(ADULTS_ONLY);
const pupilsOnly = within(PUPILS_ONLY);
/** Said to a pupil: a `_pupil` form, or any form of what only pupils read. */
const toPupil = (key: string) => isPupilForm(key) || pupilsOnly(key);

const all = Object.entries(bundles).flatMap(([namespace, json]) => leaves(json, namespace));
const keys = new Set(all.map(([key]) => key));

describe('the French words', () => {
  it('hold no English word and no technical code', () => {
    const wrong = all.flatMap(([key, text]) => englishIn(text).map((word) => `${key}: « ${word} » in « ${text} »`));
    expect(wrong).toEqual([]);
  });

  it('speak to pupils with « tu » (a `_pupil` form, or what only pupils read, holds no « vous »)', () => {
    const wrong = all.filter(([key]) => toPupil(key)).flatMap(([key, text]) => vousIn(text).map((word) => `${key}: « ${word} » in « ${text} »`));
    expect(wrong).toEqual([]);
  });

  it('speak to adults with « vous » (a plain form holds no « tu », unless only pupils read it)', () => {
    const wrong = all.filter(([key]) => !toPupil(key)).flatMap(([key, text]) => tuIn(text).map((word) => `${key}: « ${word} » in « ${text} »`));
    expect(wrong).toEqual([]);
  });

  it('give a pupil their own form of every sentence that says « vous » where pupils read', () => {
    const missing = all
      .filter(([key, text]) => !isPupilForm(key) && !adultsOnly(key) && vousIn(text).length > 0)
      .filter(([key]) => !keys.has(PLURAL.test(key) ? key.replace(PLURAL, '_pupil$&') : `${key}_pupil`))
      .map(([key, text]) => `${key}: « ${text} »`);
    expect(missing).toEqual([]);
  });

  it('have a plain (adult) form for every pupil form', () => {
    const orphans = all.filter(([key]) => isPupilForm(key) && !keys.has(adultKey(key))).map(([key]) => key);
    expect(orphans).toEqual([]);
  });
});

describe('the voice', () => {
  afterEach(() => setVoiceSource(() => undefined));

  const make = () => {
    const instance = withVoice(createInstance());
    void instance.init({
      lng: 'fr',
      initAsync: false,
      postProcess: ['voice'],
      resources: { fr: { translation: { saved: 'Vos modifications sont enregistrées.', saved_pupil: 'Tes modifications sont enregistrées.', cards_one: '{{count}} carte', cards_other: '{{count}} cartes', hello: 'Bonjour', hidden_card: 'Votre carte est masquée.', hidden_card_pupil: 'Ta carte est masquée.', hidden_comment: 'Votre commentaire est masqué.', hidden: 'Votre message est masqué.', hidden_pupil: 'Ton message est masqué.', left_one: 'Encore {{count}} minute pour vous', left_pupil_one: 'Encore {{count}} minute pour toi' } } },
    });
    // The app's `t` is typed with its own words; these test words are not among them.
    return { t: instance.t.bind(instance) as unknown as (key: string, options?: Record<string, unknown>) => string };
  };

  it('is « tu » for a pupil, « vous » for anyone else (first profile in precedence)', () => {
    expect(voiceOf(['pupil'])).toBe('pupil');
    expect(voiceOf(['teacher'])).toBe('adult');
    expect(voiceOf(['parent', 'pupil'] as Profile[])).toBe('adult');
    expect(voiceOf(undefined)).toBe('adult');
  });

  it('picks the `_pupil` form for a signed-in pupil without each call naming it', () => {
    const instance = make();
    expect(instance.t('saved')).toBe('Vos modifications sont enregistrées.');
    setVoiceSource(() => ['pupil']);
    expect(instance.t('saved')).toBe('Tes modifications sont enregistrées.');
    expect(instance.t('hello')).toBe('Bonjour');
    expect(instance.t('cards', { count: 2 })).toBe('2 cartes');
    expect(instance.t('left', { count: 1 })).toBe('Encore 1 minute pour toi');
    // A call with its own context gets that context's pupil form, that context's own form, or the key's pupil form.
    expect(instance.t('hidden', { context: 'card' })).toBe('Ta carte est masquée.');
    expect(instance.t('hidden', { context: 'comment' })).toBe('Votre commentaire est masqué.');
    expect(instance.t('hidden', { context: 'chatMessage' })).toBe('Ton message est masqué.');
    setVoiceSource(() => ['teacher']);
    expect(instance.t('saved')).toBe('Vos modifications sont enregistrées.');
    expect(instance.t('hidden', { context: 'card' })).toBe('Votre carte est masquée.');
  });
});
