import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../../../../shared/audit/events';
import { EVENT_GROUPS, eventGroup, groupedEvents } from './events';
import fr from './i18n/fr.json';
import en from './i18n/en.json';

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

  it('words the events in French under their dotted name (an unworded one falls back to its name)', () => {
    expect(lookup(fr, 'events.chat.message_sent')).toBe('Message envoyé');
    const worded = AUDIT_EVENTS.filter((event) => typeof lookup(fr, `events.${event}`) === 'string');
    // New events may land before their wording; most of the list must be worded.
    expect(worded.length).toBeGreaterThan(AUDIT_EVENTS.length * 0.9);
  });

  it('words every moderation event in both languages, the one mute and unmute and the refused change included', () => {
    const moderation = AUDIT_EVENTS.filter((event) => eventGroup(event) === 'moderation');
    expect(moderation).toEqual(expect.arrayContaining(['moderation.mute', 'moderation.unmute', 'moderation.reject']));
    for (const event of moderation) {
      expect(lookup(fr, `events.${event}`), event).toEqual(expect.any(String));
      expect(lookup(en, `events.${event}`), event).toEqual(expect.any(String));
    }
    expect(lookup(fr, 'events.moderation.reject')).toBe('Modification d’un auteur refusée (le texte publié reste)');
    expect(groupedEvents().find((entry) => entry.group === 'moderation')?.events).toContain('moderation.unmute');
  });

  it('words no event that no longer exists (the chat’s and the pad’s own mute events are gone)', () => {
    const leaves = (json: Json, prefix = ''): string[] =>
      Object.entries(json).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`)));
    const known = new Set<string>(AUDIT_EVENTS);
    for (const json of [fr, en] as Json[]) expect(leaves(json.events as Json).filter((event) => !known.has(event))).toEqual([]);
    for (const gone of ['chat.user_muted', 'chat.user_unmuted', 'pad.pupil_muted', 'pad.pupil_unmuted']) {
      expect(known.has(gone)).toBe(false);
      expect(lookup(fr, `events.${gone}`)).toBeUndefined();
      expect(lookup(en, `events.${gone}`)).toBeUndefined();
    }
  });
});
