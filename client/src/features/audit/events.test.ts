import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../../../../shared/audit/events';
import { EVENT_GROUPS, eventGroup, groupedEvents } from './events';
import fr from './i18n/fr.json';
import en from './i18n/en.json';
import { eventWords } from './i18n';

type Json = { [key: string]: string | Json };
const lookup = (json: Json, path: string): unknown => path.split('.').reduce<unknown>((node, part) => (node as Json | undefined)?.[part], json);

describe('event families', () => {
  it('puts every event in exactly one family, in the order of the list', () => {
    const grouped = groupedEvents();
    expect(grouped.flatMap((entry) => entry.events).sort()).toEqual([...AUDIT_EVENTS].sort());
    expect(grouped.map((entry) => entry.group)).toEqual(EVENT_GROUPS.filter((group) => grouped.some((entry) => entry.group === group)));
  });

  it('maps by feature prefix, and an unknown prefix to « other »', () => {
    expect(eventGroup('auth.login')).toBe('access');
    expect(eventGroup('access.denied')).toBe('access');
    expect(eventGroup('activity.read')).toBe('reads');
    expect(eventGroup('report.created')).toBe('moderation');
    expect(eventGroup('quiz.answered')).toBe('other');
  });

  it('names every family in both languages', () => {
    for (const group of EVENT_GROUPS) {
      expect(lookup(fr, `groups.${group}`)).toEqual(expect.any(String));
      expect(lookup(en, `groups.${group}`)).toEqual(expect.any(String));
    }
  });

  it('words every event under its dotted name in both languages, from the shared table the CSV uses too', () => {
    const words = { fr: { events: eventWords('fr') }, en: { events: eventWords('en') } };
    expect(lookup(words.fr, 'events.chat.message_sent')).toBe('Message envoyé dans une discussion');
    for (const event of AUDIT_EVENTS) {
      expect(lookup(words.fr, `events.${event}`), event).toEqual(expect.any(String));
      expect(lookup(words.en, `events.${event}`), event).toEqual(expect.any(String));
    }
    // The namespace's files no longer hold a second copy of the events' words.
    expect((fr as Json).events).toBeUndefined();
    expect((en as Json).events).toBeUndefined();
  });

  it('words every moderation event, the one mute and unmute and the refused change included; none that is gone', () => {
    const moderation = AUDIT_EVENTS.filter((event) => eventGroup(event) === 'moderation');
    expect(moderation).toEqual(expect.arrayContaining(['moderation.mute', 'moderation.unmute', 'moderation.reject']));
    expect(lookup({ events: eventWords('fr') }, 'events.moderation.reject')).toBe('Modification d’un auteur refusée (le texte publié reste)');
    expect(groupedEvents().find((entry) => entry.group === 'moderation')?.events).toContain('moderation.unmute');
    for (const gone of ['chat.user_muted', 'chat.user_unmuted', 'pad.pupil_muted', 'pad.pupil_unmuted']) {
      expect((AUDIT_EVENTS as readonly string[]).includes(gone)).toBe(false);
      expect(lookup({ events: eventWords('fr') }, `events.${gone}`)).toBeUndefined();
    }
  });
});
